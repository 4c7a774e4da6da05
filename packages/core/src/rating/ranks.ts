/**
 * Displayed rank: 1 + the number of models that are better beyond doubt, i.e. whose interval's
 * lower bound lies above this model's upper bound. Models whose intervals overlap cannot be
 * told apart and share a rank, so ranks can repeat and need not be consecutive (1, 1, 3, ...).
 */
export function displayRanks(intervals: readonly { low: number; high: number }[]): number[] {
  const lows = Float64Array.from(intervals, (interval) => interval.low).sort();
  return intervals.map((interval) => 1 + countAbove(lows, interval.high));
}

/** How many sorted values are strictly greater than `value` (binary search). */
function countAbove(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) > value) high = middle;
    else low = middle + 1;
  }
  return sorted.length - low;
}

/**
 * Votes below which a model is shown as provisional. With 200 votes against typical opponents
 * a rating's 95% interval is about +-50 Elo; below that, its rank says little.
 */
export const PROVISIONAL_VOTES = 200;

/** Flags the models with fewer than `threshold` votes. */
export function provisionalFlags(
  modelVotes: readonly number[],
  threshold: number = PROVISIONAL_VOTES,
): boolean[] {
  return modelVotes.map((votes) => votes < threshold);
}
