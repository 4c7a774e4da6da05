import { fitPackedCells, type BradleyTerryFit, type BradleyTerryOptions } from './bradley-terry';
import { centredInverse, chordSolve } from './chord';
import type { PairCounts } from './counts';
import { DEFAULT_LEVEL, sortedQuantile, widenUnobserved, type RatingInterval } from './intervals';
import {
  createNewtonWorkspace,
  evaluateObjective,
  factorInformation,
  newtonSolve,
  SINGULAR_MESSAGE,
} from './newton';
import { twoSidedZ } from './normal';
import { emptyPackedCells, packCells, packedModelVotes } from './packed-cells';
import { PoissonSampler } from './poisson';
import type { Rng } from './random';
import { strengthsToRatings } from './scale';

export interface BootstrapOptions extends Omit<BradleyTerryOptions, 'initial'> {
  /** Seeded generator: the same seed gives the same intervals. */
  rng: Rng;
  /** Resampling rounds; 100 puts the 2.5% and 97.5% percentiles between the 2nd-3rd and 97th-98th draws. */
  rounds?: number;
  /** Interval level, 0.95 by default. */
  level?: number;
  /** Point estimate already computed on the same cells; its ridge and anchor are then used. */
  fit?: BradleyTerryFit;
}

export interface BootstrapResult {
  intervals: RatingInterval[];
  rounds: number;
  /** Passes over the cells per round (chord plus any Newton iterations). */
  meanIterations: number;
  /** Rounds where the chord iterations stalled and full Newton finished the fit. */
  newtonFallbacks: number;
  /** Rounds whose fit hit the iteration cap; they are kept, but should be 0. */
  unconverged: number;
}

/**
 * Rounds stop once the error still to go is below 1e-4 log units (0.02 Elo): far below the
 * interval's own noise (several Elo), and it saves passes over the cells.
 */
const BOOTSTRAP_TOLERANCE = 1e-4;
/** Chord iterations allowed before a round falls back to Newton. */
const CHORD_ITERATIONS = 12;

/**
 * Percentile bootstrap intervals for Bradley-Terry ratings, resampling the aggregated counts.
 *
 * Each outcome count k of each cell is replaced by a Poisson(k) draw (the Poisson bootstrap).
 * That is exactly what giving every battle an independent Poisson(1) weight would produce, and
 * Poisson(1) weights are the large-sample limit of the classic bootstrap's Multinomial(N, 1/N)
 * battle weights, so no battle ever needs to be materialised. Unlike the multinomial version,
 * the cells are resampled independently, at O(1) cost per count whatever the vote volume. The
 * price is that the total vote count varies by about sqrt(N) between rounds; a common scaling
 * of all counts leaves Bradley-Terry ratings unchanged (the tiny ridge aside), so it is free.
 *
 * Each round starts from the point estimate and reuses its factored information matrix
 * (chord iterations, see `chordSolve`), so a round costs a few passes over the cells and no
 * factorisation; rounds where that stalls are finished by full Newton.
 */
export function bootstrapIntervals(
  cells: readonly PairCounts[],
  modelCount: number,
  options: BootstrapOptions,
): BootstrapResult {
  const rounds = options.rounds ?? 100;
  if (!Number.isInteger(rounds) || rounds < 2) {
    throw new RangeError('rounds must be an integer >= 2');
  }
  const level = options.level ?? DEFAULT_LEVEL;
  const z = twoSidedZ(level);
  const packed = packCells(cells, modelCount);
  const workspace = createNewtonWorkspace(modelCount);
  const point = options.fit ?? fitPackedCells(packed, modelCount, options, workspace);
  if (point.modelCount !== modelCount) throw new RangeError('fit is for a different model count');
  const { ridge, anchor } = point;
  const maxIterations = options.maxIterations ?? 100;

  const cellCount = packed.length;
  // One sampler over all counts, laid out [winsA | winsB | draws], so per-count constants are
  // computed once for all rounds.
  const sampler = new PoissonSampler([...packed.winsA, ...packed.winsB, ...packed.draws]);
  const resampled = emptyPackedCells(cellCount);
  resampled.a.set(packed.a);
  resampled.b.set(packed.b);
  // The information at the point estimate, factored once for every round's chord iterations.
  evaluateObjective(packed, modelCount, ridge, point.strengths, workspace);
  const factor = workspace.hessian.slice();
  if (!factorInformation(factor, modelCount)) throw new RangeError(SINGULAR_MESSAGE);
  const inverse = centredInverse(factor, modelCount);
  const gradient = new Float64Array(modelCount);
  const step = new Float64Array(modelCount);
  const theta = new Float64Array(modelCount);
  // Model-major, so each model's draws are one contiguous run to sort.
  const draws = new Float64Array(modelCount * rounds);
  let iterations = 0;
  let unconverged = 0;
  let newtonFallbacks = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (let c = 0; c < cellCount; c += 1) {
      resampled.winsA[c] = sampler.sample(c, options.rng);
      resampled.winsB[c] = sampler.sample(cellCount + c, options.rng);
      resampled.draws[c] = sampler.sample(2 * cellCount + c, options.rng);
    }
    theta.set(point.strengths);
    const chord = chordSolve(
      resampled,
      modelCount,
      ridge,
      inverse,
      theta,
      gradient,
      step,
      CHORD_ITERATIONS,
      BOOTSTRAP_TOLERANCE,
    );
    iterations += chord.iterations;
    if (!chord.converged) {
      newtonFallbacks += 1;
      const newton = newtonSolve(
        resampled,
        modelCount,
        ridge,
        theta,
        workspace,
        maxIterations,
        BOOTSTRAP_TOLERANCE,
      );
      iterations += newton.iterations;
      if (!newton.converged) unconverged += 1;
    }
    const ratings = strengthsToRatings(theta, anchor);
    for (let i = 0; i < modelCount; i += 1) draws[i * rounds + round] = ratings[i] as number;
  }

  const tail = (1 - level) / 2;
  const intervals: RatingInterval[] = point.ratings.map((rating, i) => {
    const sample = draws.subarray(i * rounds, (i + 1) * rounds).sort();
    return { rating, low: sortedQuantile(sample, tail), high: sortedQuantile(sample, 1 - tail) };
  });
  return {
    intervals: widenUnobserved(intervals, packedModelVotes(packed, modelCount), ridge, z),
    rounds,
    meanIterations: iterations / rounds,
    newtonFallbacks,
    unconverged,
  };
}
