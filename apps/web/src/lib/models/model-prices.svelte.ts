import { SvelteMap } from 'svelte/reactivity';
import { fetchProviders } from './fetch-providers';
import { cheapestPrice } from './pricing';

/**
 * Each model's cheapest 1K price per image, fetched once per page visit for the models asked
 * for; null when no provider lists one, or when its providers could not be read.
 */
export class ModelPrices {
  readonly #prices = new SvelteMap<string, number | null>();
  #controller: AbortController | null = null;

  /** The price of a model once known; undefined while it loads. */
  of(slug: string): number | null | undefined {
    return this.#prices.get(slug);
  }

  /** Starts fetching the prices not asked for yet. */
  load(slugs: readonly string[]): void {
    const missing = slugs.filter((slug) => !this.#prices.has(slug));
    if (missing.length === 0 || this.#controller) return;
    const controller = new AbortController();
    this.#controller = controller;
    void fetchProviders(missing, controller.signal).then((fetched) => {
      if (!fetched) return;
      fetched.forEach((offerings, slug) =>
        this.#prices.set(slug, offerings ? cheapestPrice(offerings, '1K') : null),
      );
      this.#controller = null;
    });
  }

  abort(): void {
    this.#controller?.abort();
    this.#controller = null;
  }
}
