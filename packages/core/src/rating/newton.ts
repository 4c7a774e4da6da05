import { choleskyInPlace, choleskySolveInPlace, maxAbs } from './linear-algebra';
import type { PackedCells } from './packed-cells';

/** Buffers reused across fits, so that 100 bootstrap rounds allocate nothing. */
export interface NewtonWorkspace {
  gradient: Float64Array;
  hessian: Float64Array;
  step: Float64Array;
  previous: Float64Array;
}

export function createNewtonWorkspace(modelCount: number): NewtonWorkspace {
  return {
    gradient: new Float64Array(modelCount),
    hessian: new Float64Array(modelCount * modelCount),
    step: new Float64Array(modelCount),
    previous: new Float64Array(modelCount),
  };
}

/**
 * Penalised log-likelihood at `theta`, with its gradient and its negated Hessian (the observed
 * information, positive semi-definite) written into the workspace. Ties and both-bad count as
 * half a win to each side, so a cell contributes sA log p + sB log(1 - p), with p the
 * model probability that a beats b and sA, sB the (fractional) scores.
 */
export function evaluateObjective(
  cells: PackedCells,
  modelCount: number,
  ridge: number,
  theta: Float64Array,
  workspace: NewtonWorkspace,
): number {
  const { gradient, hessian } = workspace;
  hessian.fill(0);
  let objective = 0;
  for (let i = 0; i < modelCount; i += 1) {
    const value = theta[i] as number;
    gradient[i] = -ridge * value;
    hessian[i * modelCount + i] = ridge;
    objective -= 0.5 * ridge * value * value;
  }
  for (let c = 0; c < cells.length; c += 1) {
    const a = cells.a[c] as number;
    const b = cells.b[c] as number;
    const draws = cells.draws[c] as number;
    const scoreA = (cells.winsA[c] as number) + 0.5 * draws;
    const scoreB = (cells.winsB[c] as number) + 0.5 * draws;
    const total = scoreA + scoreB;
    const diff = (theta[a] as number) - (theta[b] as number);
    // One exp and one log1p give both log p and log(1 - p) without overflow for any diff.
    const e = Math.exp(-Math.abs(diff));
    const log1pE = Math.log1p(e);
    const probability = diff >= 0 ? 1 / (1 + e) : e / (1 + e);
    objective -= scoreA * (Math.max(-diff, 0) + log1pE) + scoreB * (Math.max(diff, 0) + log1pE);
    const residual = scoreA - total * probability;
    gradient[a] = (gradient[a] as number) + residual;
    gradient[b] = (gradient[b] as number) - residual;
    const weight = total * probability * (1 - probability);
    const aa = a * modelCount + a;
    const bb = b * modelCount + b;
    hessian[aa] = (hessian[aa] as number) + weight;
    hessian[bb] = (hessian[bb] as number) + weight;
    // Only the lower triangle is read by the Cholesky factorisation.
    const lower = a > b ? a * modelCount + b : b * modelCount + a;
    hessian[lower] = (hessian[lower] as number) - weight;
  }
  return objective;
}

/**
 * Factor the information matrix H = L + ridge I (L a weighted graph Laplacian, so L 1 = 0) for
 * `solveFactoredInformation`. The all-ones direction is handled by hand there: along it H has
 * eigenvalue `ridge`, tiny or 0, and factoring H as is would be needlessly ill-conditioned (or
 * singular). On the complement H + (mu / p) 1 1^T acts exactly like H, so we factor that
 * well-conditioned matrix instead, with mu the mean diagonal. Overwrites `hessian`; returns false
 * when the matrix is singular even so (ridge 0 and a disconnected comparison graph).
 */
export function factorInformation(hessian: Float64Array, modelCount: number): boolean {
  const n = modelCount;
  let trace = 0;
  for (let i = 0; i < n; i += 1) trace += hessian[i * n + i] as number;
  const shift = (trace > 0 ? trace / n : 1) / n;
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j <= i; j += 1) hessian[i * n + j] = (hessian[i * n + j] as number) + shift;
  }
  return choleskyInPlace(hessian, n);
}

/** Solve H x = rhs in place with the factor from `factorInformation`. */
export function solveFactoredInformation(
  factor: Float64Array,
  modelCount: number,
  ridge: number,
  rhs: Float64Array,
): void {
  const n = modelCount;
  let mean = 0;
  for (let i = 0; i < n; i += 1) mean += rhs[i] as number;
  mean /= n;
  for (let i = 0; i < n; i += 1) rhs[i] = (rhs[i] as number) - mean;
  choleskySolveInPlace(factor, n, rhs);
  // Along the ones direction H is ridge * I. With ridge 0 that component of a step is
  // meaningless (ratings are shift-invariant) and the right-hand sides we pass have none.
  if (ridge > 0) {
    const alongOnes = mean / ridge;
    for (let i = 0; i < n; i += 1) rhs[i] = (rhs[i] as number) + alongOnes;
  }
}

export const SINGULAR_MESSAGE =
  'Bradley-Terry information matrix is singular: with ridge 0 every model must be connected to every other through votes';

export interface NewtonResult {
  iterations: number;
  converged: boolean;
  objective: number;
}

/**
 * Damped Newton ascent on the penalised log-likelihood, updating `theta` in place. The
 * objective is concave, so full Newton steps converge quadratically (about 5 iterations from
 * zero, 2 from a warm start); the step is halved only when it would lower the objective, which
 * can happen far from the optimum. A model that never lost has its optimum far out (held only
 * by the ridge) and takes about one iteration per log unit, ~10 in all.
 */
export function newtonSolve(
  cells: PackedCells,
  modelCount: number,
  ridge: number,
  theta: Float64Array,
  workspace: NewtonWorkspace,
  maxIterations: number,
  tolerance: number,
): NewtonResult {
  const { gradient, hessian, step, previous } = workspace;
  let accepted = -Infinity;
  let objective = -Infinity;
  for (let iteration = 1; iteration <= maxIterations; iteration += 1) {
    objective = evaluateObjective(cells, modelCount, ridge, theta, workspace);
    // The slack keeps round-off at the optimum from being read as an overshoot.
    if (objective < accepted - 1e-12 * (1 + Math.abs(accepted))) {
      for (let i = 0; i < modelCount; i += 1) {
        step[i] = 0.5 * (step[i] as number);
        theta[i] = (previous[i] as number) + (step[i] as number);
      }
      if (maxAbs(step) < tolerance) return { iterations: iteration, converged: true, objective };
      continue;
    }
    accepted = objective;
    previous.set(theta);
    step.set(gradient);
    if (!factorInformation(hessian, modelCount)) throw new RangeError(SINGULAR_MESSAGE);
    solveFactoredInformation(hessian, modelCount, ridge, step);
    for (let i = 0; i < modelCount; i += 1) theta[i] = (theta[i] as number) + (step[i] as number);
    if (maxAbs(step) < tolerance) return { iterations: iteration, converged: true, objective };
  }
  return { iterations: maxIterations, converged: false, objective };
}
