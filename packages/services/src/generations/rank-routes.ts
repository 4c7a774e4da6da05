import type { ProviderHealth } from './provider-health';

/** A provider below this success rate, over enough samples, is tried only after healthy ones. */
export const UNHEALTHY_SUCCESS_RATE = 0.5;
export const MIN_HEALTH_SAMPLES = 5;

export interface RankableRoute {
  providerId: string;
  providerSlug: string;
  priority: number;
}

export function isHealthy(health: ProviderHealth | undefined): boolean {
  return (
    !health || health.samples < MIN_HEALTH_SAMPLES || health.successRate >= UNHEALTHY_SUCCESS_RATE
  );
}

/**
 * The order in which to try a model's providers: ones that already failed this generation
 * last (so a retry moves on to the next provider), then healthy before unhealthy, then the
 * operator's priority, then the faster recent median.
 */
export function rankRoutes<R extends RankableRoute>(
  routes: readonly R[],
  health: ReadonlyMap<string, ProviderHealth>,
  failuresThisGeneration: ReadonlyMap<string, number>,
): R[] {
  const key = (route: R) => {
    const h = health.get(route.providerId);
    return [
      failuresThisGeneration.get(route.providerId) ?? 0,
      isHealthy(h) ? 0 : 1,
      route.priority,
      h?.p50Ms ?? Number.MAX_SAFE_INTEGER,
    ];
  };
  return [...routes].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return a.providerSlug.localeCompare(b.providerSlug);
  });
}
