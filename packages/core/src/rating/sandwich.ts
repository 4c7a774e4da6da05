import { fitPackedCells, type BradleyTerryFit, type BradleyTerryOptions } from './bradley-terry';
import {
  createNewtonWorkspace,
  evaluateObjective,
  factorInformation,
  SINGULAR_MESSAGE,
  solveFactoredInformation,
} from './newton';
import type { PairCounts } from './counts';
import { DEFAULT_LEVEL, type RatingInterval } from './intervals';
import { twoSidedZ } from './normal';
import { packCells, packedModelVotes } from './packed-cells';
import { ELO_PER_NAT, unobservedHalfWidth } from './scale';

export interface SandwichOptions extends Omit<BradleyTerryOptions, 'initial'> {
  level?: number;
  /** Point estimate already computed on the same cells; its ridge and anchor are then used. */
  fit?: BradleyTerryFit;
}

export interface SandwichResult {
  intervals: RatingInterval[];
  /** Standard error of each anchored rating, in Elo points. */
  standardErrors: number[];
}

/**
 * Robust (sandwich) covariance of the ratings, H^-1 M H^-1, with H the penalised information at
 * the estimate (the bread) and M the sum over battles of the outer products of each battle's
 * score (the meat), giving intervals rating +- z * se in closed form: one p x p factorisation
 * instead of 100 refits.
 *
 * Why the sandwich rather than the plain inverse information: counting a tie as half a win is
 * not a likelihood the voters follow, and a tie is a much less variable outcome than a win or a
 * loss. The meat uses the observed spread of outcomes, (1 - p)^2 per win, p^2 per loss and
 * (1/2 - p)^2 per tie, so the intervals stay right whatever the tie rate. The Poisson bootstrap
 * estimates the same quantity by simulation, which is why the two agree on large data.
 */
export function sandwichIntervals(
  cells: readonly PairCounts[],
  modelCount: number,
  options: SandwichOptions = {},
): SandwichResult {
  const z = twoSidedZ(options.level ?? DEFAULT_LEVEL);
  const packed = packCells(cells, modelCount);
  const workspace = createNewtonWorkspace(modelCount);
  const point = options.fit ?? fitPackedCells(packed, modelCount, options, workspace);
  if (point.modelCount !== modelCount) throw new RangeError('fit is for a different model count');
  const { ridge, anchor, strengths } = point;
  const n = modelCount;

  evaluateObjective(packed, n, ridge, strengths, workspace);
  const meat = new Float64Array(packed.length);
  for (let c = 0; c < packed.length; c += 1) {
    const diff =
      (strengths[packed.a[c] as number] as number) - (strengths[packed.b[c] as number] as number);
    const p = 1 / (1 + Math.exp(-diff));
    meat[c] =
      (packed.winsA[c] as number) * (1 - p) * (1 - p) +
      (packed.winsB[c] as number) * p * p +
      (packed.draws[c] as number) * (0.5 - p) * (0.5 - p);
  }
  const factor = workspace.hessian;
  if (!factorInformation(factor, n)) throw new RangeError(SINGULAR_MESSAGE);

  // Row i of `solved` is H^-1 (e_i - 1/p): the sensitivity of model i's centred strength.
  const solved = new Float64Array(n * n);
  const column = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    column.fill(-1 / n);
    column[i] = (column[i] as number) + 1;
    solveFactoredInformation(factor, n, ridge, column);
    solved.set(column, i * n);
  }
  // Pinning a model instead of the mean: rating_i - rating_k has sensitivity row_i - row_k.
  const pinned = anchor.model;
  const sensitivity = new Float64Array(n);
  const standardErrors = new Array<number>(n);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j < n; j += 1) {
      sensitivity[j] =
        (solved[i * n + j] as number) -
        (pinned === undefined ? 0 : (solved[pinned * n + j] as number));
    }
    let variance = 0;
    for (let c = 0; c < packed.length; c += 1) {
      const d =
        (sensitivity[packed.a[c] as number] as number) -
        (sensitivity[packed.b[c] as number] as number);
      variance += (meat[c] as number) * d * d;
    }
    standardErrors[i] = ELO_PER_NAT * Math.sqrt(variance);
  }

  // A model without votes would get se 0 (the ridge pins it); give it the prior's spread.
  const votes = packedModelVotes(packed, n);
  const unobserved = unobservedHalfWidth(ridge, 1);
  for (let i = 0; i < n; i += 1) if (votes[i] === 0) standardErrors[i] = unobserved;

  const intervals = point.ratings.map((rating, i) => {
    const halfWidth = z * (standardErrors[i] as number);
    return { rating, low: rating - halfWidth, high: rating + halfWidth };
  });
  return { intervals, standardErrors };
}
