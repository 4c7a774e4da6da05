import type { LeaderboardRow } from '@arena/contract';
import { SvelteMap } from 'svelte/reactivity';
import type { ScatterPoint } from '$lib/charts/rating-scatter.svelte';
import { fetchProviders } from '$lib/models/fetch-providers';
import { cheapestPrice, mainProvider, type Offering } from '$lib/models/pricing';

/**
 * Where a board's rated models stand on price and on speed, for the value charts. Providers are
 * fetched once per page visit, except those the page already has; a failed model is simply left
 * out. Create it while a component initialises: it runs effects.
 */
export class ValuePoints {
  readonly #board: () => LeaderboardRow[];
  // Only models with votes: an unrated model's starting rating says nothing about its value.
  readonly rows = $derived.by(() => this.#board().filter((row) => row.games > 0));
  readonly #providers = new SvelteMap<string, Offering[] | null>();
  readonly loading = $derived(this.rows.some((row) => !this.#providers.has(row.model.slug)));
  readonly price = $derived(this.#points((offerings) => cheapestPrice(offerings, '1K')));
  readonly speed = $derived(
    this.#points((offerings) => mainProvider(offerings)?.performance.p50Ms ?? null),
  );

  constructor(
    board: () => LeaderboardRow[],
    /** A model whose providers the page has already loaded. */
    known: () => { slug: string; offerings: Offering[] | null } | null = () => null,
  ) {
    this.#board = board;
    // Before the fetch below, so that a model the page has loaded is not fetched again.
    $effect(() => {
      const model = known();
      if (model?.offerings) this.#providers.set(model.slug, model.offerings);
    });
    $effect(() => {
      const missing = this.rows
        .map((row) => row.model.slug)
        .filter((slug) => !this.#providers.has(slug));
      if (missing.length === 0) return;
      const controller = new AbortController();
      void fetchProviders(missing, controller.signal).then((fetched) =>
        fetched?.forEach((offerings, slug) => this.#providers.set(slug, offerings)),
      );
      return () => controller.abort();
    });
  }

  #points(value: (offerings: Offering[]) => number | null): ScatterPoint[] {
    return this.rows.flatMap((row): ScatterPoint[] => {
      const offerings = this.#providers.get(row.model.slug);
      const x = offerings ? value(offerings) : null;
      if (x === null || !(x > 0)) return [];
      return [
        {
          slug: row.model.slug,
          name: row.model.name,
          x,
          rating: row.rating,
          low: row.ciLow,
          high: row.ciHigh,
        },
      ];
    });
  }
}
