import { getModelProviders } from '$lib/api';
import type { Offering } from './pricing';

/**
 * The providers of each model, fetched at once: null for a model whose providers could not be
 * read, so one failure leaves one model out rather than the page. Undefined once aborted.
 */
export async function fetchProviders(
  slugs: readonly string[],
  signal: AbortSignal,
): Promise<Map<string, Offering[] | null> | undefined> {
  const settled = await Promise.allSettled(
    slugs.map((slug) => getModelProviders(slug, { signal })),
  );
  if (signal.aborted) return undefined;
  return new Map(
    settled.map((result, i) => [
      slugs[i]!,
      result.status === 'fulfilled' ? result.value.providers : null,
    ]),
  );
}
