import { unobservedHalfWidth } from './scale';

/** A model's rating with the bounds of its confidence interval, all on the Elo scale. */
export interface RatingInterval {
  rating: number;
  low: number;
  high: number;
}

export const DEFAULT_LEVEL = 0.95;

/**
 * Quantile of sorted draws, interpolating at position q (n + 1) (R's type 6). The usual
 * default (type 7, position 1 + q (n - 1)) pulls both ends of a percentile interval inward:
 * from 100 bootstrap draws its "95%" interval holds 93% of the distribution on average. With
 * type 6 the expected content is exactly the nominal level; over 200 simulated arenas (8 models,
 * 2,500 votes) coverage of the true ratings went from 93.5% (type 7) to 95.4%.
 */
export function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const position = Math.min(Math.max(q * (n + 1) - 1, 0), n - 1);
  const below = Math.floor(position);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(below + 1, n - 1)] as number;
  return lower + (position - below) * (upper - lower);
}

/**
 * Replace the interval of every model without votes by the ridge's prior width. Both interval
 * methods would otherwise report zero width for it (the penalty pins it exactly at the mean),
 * which reads as "known to be exactly average" when nothing is known at all.
 */
export function widenUnobserved(
  intervals: RatingInterval[],
  modelVotes: ArrayLike<number>,
  ridge: number,
  z: number,
): RatingInterval[] {
  const halfWidth = unobservedHalfWidth(ridge, z);
  return intervals.map((interval, i) =>
    (modelVotes[i] as number) > 0
      ? interval
      : {
          rating: interval.rating,
          low: interval.rating - halfWidth,
          high: interval.rating + halfWidth,
        },
  );
}
