import { ELO_INITIAL_RATING } from '../elo';
import type { PairCounts } from './counts';
import { createNewtonWorkspace, newtonSolve, type NewtonWorkspace } from './newton';
import { packCells, type PackedCells } from './packed-cells';
import { DEFAULT_RIDGE, strengthsToRatings, type RatingAnchor } from './scale';

export interface BradleyTerryOptions {
  /**
   * L2 penalty (ridge/2) * sum(theta_i^2) on the natural-log strengths. The likelihood does not
   * change when every strength moves together, so the penalty's minimum always has
   * sum(theta) = 0: it is a penalty toward the mean. Its job is to keep a model that never lost,
   * or that is barely connected, finite; at 1e-3 it is worth a Gaussian prior with a standard
   * deviation of ~32 log units (5,500 Elo), so on real data it moves nothing measurable.
   * 0 gives the plain maximum-likelihood estimate, which needs a connected comparison graph
   * (so no model without votes) and throws otherwise.
   */
  ridge?: number;
  /** Mean rating (default 1000), or the rating one chosen model is pinned to. */
  anchor?: RatingAnchor;
  maxIterations?: number;
  /** Stop when no strength moves by more than this (natural-log units; 1e-9 = 2e-7 Elo). */
  tolerance?: number;
  /** Starting strengths in natural-log units; the bootstrap starts from the point estimate. */
  initial?: ArrayLike<number>;
}

export interface BradleyTerryFit {
  modelCount: number;
  /** Natural-log strengths: P(i beats j) = 1 / (1 + exp(theta_j - theta_i)). */
  strengths: Float64Array;
  /** The same strengths on the Elo scale, anchored. */
  ratings: number[];
  iterations: number;
  converged: boolean;
  /** Penalised log-likelihood at the last evaluated iterate. */
  objective: number;
  ridge: number;
  anchor: RatingAnchor;
}

export const DEFAULT_MAX_ITERATIONS = 100;
export const DEFAULT_TOLERANCE = 1e-9;

/** Bradley-Terry fit of packed cells; `fitBradleyTerry` is the public entry point. */
export function fitPackedCells(
  cells: PackedCells,
  modelCount: number,
  options: BradleyTerryOptions = {},
  workspace: NewtonWorkspace = createNewtonWorkspace(modelCount),
): BradleyTerryFit {
  const ridge = options.ridge ?? DEFAULT_RIDGE;
  if (!(ridge >= 0) || !Number.isFinite(ridge)) throw new RangeError(`ridge must be >= 0`);
  const anchor = options.anchor ?? { rating: ELO_INITIAL_RATING };
  const theta = new Float64Array(modelCount);
  if (options.initial) {
    if (options.initial.length !== modelCount) {
      throw new RangeError(
        `initial has ${options.initial.length} strengths for ${modelCount} models`,
      );
    }
    theta.set(options.initial);
  }
  const result =
    modelCount > 0
      ? newtonSolve(
          cells,
          modelCount,
          ridge,
          theta,
          workspace,
          options.maxIterations ?? DEFAULT_MAX_ITERATIONS,
          options.tolerance ?? DEFAULT_TOLERANCE,
        )
      : { iterations: 0, converged: true, objective: 0 };
  return {
    modelCount,
    strengths: theta,
    ratings: strengthsToRatings(theta, anchor),
    ...result,
    ridge,
    anchor,
  };
}

/**
 * Maximum-likelihood Bradley-Terry ratings from aggregated counts, by Newton's method on the
 * p x p system. A model with no votes gets the anchor mean (the ridge pins it there).
 */
export function fitBradleyTerry(
  cells: readonly PairCounts[],
  modelCount: number,
  options: BradleyTerryOptions = {},
): BradleyTerryFit {
  return fitPackedCells(packCells(cells, modelCount), modelCount, options);
}
