import type { Agreement, MyLeaderboardRow } from '@arena/contract';
import { formatCount } from '$lib/format';

/** "You agree with the crowd on 5 of 6 pairwise orderings", or why there is nothing to say. */
export function agreementSentence(agreement: Agreement | null): string {
  if (!agreement || agreement.pairs === 0) {
    return 'There are not yet two models that both you and the crowd rate apart.';
  }
  const orderings = agreement.pairs === 1 ? 'pairwise ordering' : 'pairwise orderings';
  return `You agree with the crowd on ${formatCount(agreement.agreeing)} of ${formatCount(agreement.pairs)} ${orderings}.`;
}

/** Kendall's tau in words: how close the two orders are as a whole. */
export function agreementVerdict(agreement: Agreement | null): string | null {
  if (!agreement || agreement.pairs === 0) return null;
  const tau = agreement.kendallTau;
  if (tau >= 0.999) return 'Your order is exactly the crowd’s.';
  if (tau >= 0.6) return 'Your taste is close to the crowd’s.';
  if (tau >= 0.2) return 'Your taste is broadly like the crowd’s, with a few swaps.';
  if (tau > -0.2) return 'Your taste differs from the crowd’s.';
  return 'You rank the models nearly the opposite way to the crowd.';
}

/**
 * How many places higher (positive) or lower the voter ranks a model than the crowd does,
 * among the models the voter rated; null when the crowd does not rate it.
 */
export function placesAbove(row: MyLeaderboardRow): number | null {
  return row.crowd ? row.crowd.rank - row.yours.rank : null;
}

export function placesText(places: number | null): string {
  if (places === null) return 'not rated by the crowd yet';
  if (places === 0) return 'same place';
  const count = Math.abs(places);
  return `${count} ${count === 1 ? 'place' : 'places'} ${places > 0 ? 'higher' : 'lower'}`;
}
