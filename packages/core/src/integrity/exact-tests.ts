import { logFactorial } from '../rating/poisson';

/**
 * Exact tests for the per-model detectors. A voter's record holds a handful of votes per model,
 * where a normal approximation is badly wrong in the tails (three wins out of three would
 * already look like z = 2 for an even model), so the tails below are computed exactly.
 */

/** P(X = k), k = 0..n, for X a sum of independent Bernoulli(p_i): the Poisson binomial. */
export function poissonBinomial(probabilities: ArrayLike<number>): Float64Array {
  const n = probabilities.length;
  const pmf = new Float64Array(n + 1);
  pmf[0] = 1;
  for (let i = 0; i < n; i += 1) {
    const p = probabilities[i] as number;
    // Backwards, so that pmf[k - 1] still holds the value before this Bernoulli was added.
    for (let k = i + 1; k >= 1; k -= 1) {
      pmf[k] = (pmf[k] as number) * (1 - p) + (pmf[k - 1] as number) * p;
    }
    pmf[0] = (pmf[0] as number) * (1 - p);
  }
  return pmf;
}

export interface Tails {
  /** P(X <= observed). */
  lower: number;
  /** P(X >= observed). */
  upper: number;
}

/** Both tails at `observed` of a distribution on 0..n given by its probabilities. */
export function tails(pmf: ArrayLike<number>, observed: number): Tails {
  let lower = 0;
  let upper = 0;
  for (let k = 0; k < pmf.length; k += 1) {
    if (k <= observed) lower += pmf[k] as number;
    if (k >= observed) upper += pmf[k] as number;
  }
  return { lower: Math.min(1, lower), upper: Math.min(1, upper) };
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/**
 * P(X >= observed) for X hypergeometric: `draws` items taken without replacement from
 * `population` items of which `marked` are marked, X the marked ones taken. With `odds` > 1,
 * Fisher's noncentral hypergeometric: each marked item is `odds` times as likely (in odds) to
 * be taken as an unmarked one, P(X = x) proportional to C(marked, x) C(rest, draws - x) odds^x.
 */
export function hypergeometricUpperTail(
  population: number,
  marked: number,
  draws: number,
  observed: number,
  odds = 1,
): number {
  const low = Math.max(0, draws - (population - marked));
  const high = Math.min(draws, marked);
  if (observed <= low) return 1;
  if (observed > high) return 0;
  const logOdds = Math.log(odds);
  const logWeight = (x: number) =>
    logChoose(marked, x) + logChoose(population - marked, draws - x) + x * logOdds;
  // Normalised in logs: the weights span hundreds of orders of magnitude on long records.
  let peak = -Infinity;
  for (let x = low; x <= high; x += 1) peak = Math.max(peak, logWeight(x));
  let total = 0;
  let tail = 0;
  for (let x = low; x <= high; x += 1) {
    const weight = Math.exp(logWeight(x) - peak);
    total += weight;
    if (x >= observed) tail += weight;
  }
  return Math.min(1, tail / total);
}

/**
 * Tarone's refinement of Bonferroni for discrete tests: a test whose smallest attainable
 * p-value is above alpha / K can never reject at that level, so it need not share the budget.
 * K is the smallest count such that at most K tests could reach alpha / K; rejecting every
 * p-value <= alpha / K then keeps the family-wise error <= alpha. A voter's record has many
 * models seen once or twice, which could never reach significance; plain Bonferroni would
 * charge for all of them and miss the model seen ten times. The minimal p-values depend only on
 * which battles were shown, not on how they were voted, which is what keeps this valid.
 */
export function taroneThreshold(minimalPValues: readonly number[], alpha: number): number {
  for (let k = 1; ; k += 1) {
    const threshold = alpha / k;
    const testable = minimalPValues.filter((p) => p <= threshold).length;
    if (testable <= k) return threshold;
  }
}
