import type { ModelProviders } from '@arena/contract';
import type { ResolutionTier } from '@arena/core';

export type Offering = ModelProviders['providers'][number];

// Restated from core (the web app imports only types from it); `satisfies` catches drift.
export const TIERS = ['0.5K', '1K', '2K', '4K'] as const satisfies readonly ResolutionTier[];

export function priceOf(offering: Offering, tier: ResolutionTier): number | null {
  const price = offering.prices[tier];
  return typeof price === 'number' ? price : null;
}

/** The cheapest price of a tier among the providers that can serve the model now. */
export function cheapestPrice(offerings: Offering[], tier: ResolutionTier): number | null {
  const prices = offerings
    .filter((offering) => offering.enabled)
    .map((offering) => priceOf(offering, tier))
    .filter((price): price is number => price !== null);
  return prices.length > 0 ? Math.min(...prices) : null;
}

/**
 * The provider that served the model most in the last 30 days: its median generation time is
 * what a caller actually gets, where the fastest provider's might rest on a handful of calls.
 */
export function mainProvider(offerings: Offering[]): Offering | null {
  let best: Offering | null = null;
  for (const offering of offerings) {
    if (offering.performance.succeeded === 0 || offering.performance.p50Ms === null) continue;
    if (!best || offering.performance.succeeded > best.performance.succeeded) best = offering;
  }
  return best;
}
