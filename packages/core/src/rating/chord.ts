import { solveFactoredInformation } from './newton';
import type { PackedCells } from './packed-cells';

/** Gradient of the penalised log-likelihood only: one exp per cell, no log, no matrix. */
export function evaluateGradient(
  cells: PackedCells,
  modelCount: number,
  ridge: number,
  theta: Float64Array,
  gradient: Float64Array,
): void {
  for (let i = 0; i < modelCount; i += 1) gradient[i] = -ridge * (theta[i] as number);
  for (let c = 0; c < cells.length; c += 1) {
    const a = cells.a[c] as number;
    const b = cells.b[c] as number;
    const draws = cells.draws[c] as number;
    const winsA = cells.winsA[c] as number;
    const total = winsA + (cells.winsB[c] as number) + draws;
    const probability = 1 / (1 + Math.exp((theta[b] as number) - (theta[a] as number)));
    const residual = winsA + 0.5 * draws - total * probability;
    gradient[a] = (gradient[a] as number) + residual;
    gradient[b] = (gradient[b] as number) - residual;
  }
}

/**
 * The inverse of the information matrix on the centred subspace, from the factor made by
 * `factorInformation`: row i is the solution for e_i - 1/p. Applying it is one contiguous
 * p x p matrix-vector product, faster than two triangular solves, and the chord iterations
 * below apply it hundreds of times per factorisation.
 */
export function centredInverse(factor: Float64Array, modelCount: number): Float64Array {
  const n = modelCount;
  const inverse = new Float64Array(n * n);
  const column = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    column.fill(0);
    column[i] = 1;
    // Ridge 0 leaves the ones component out, which is what "centred" means here.
    solveFactoredInformation(factor, n, 0, column);
    inverse.set(column, i * n);
  }
  return inverse;
}

/**
 * Chord (simplified Newton) iterations theta += H0^-1 g(theta) with a fixed information
 * matrix H0, given by `centredInverse`, updating `theta` in place.
 *
 * Why: a bootstrap round refits data that differ from the original by Poisson noise, so the
 * information at its optimum differs from the point estimate's by about 1/sqrt(votes per
 * cell), a few percent at arena volumes. Reusing the point estimate's matrix makes each
 * iteration one pass over the cells and one matrix-vector product, with no O(p^3)
 * factorisation, and convergence stays fast: linear, at that few-percent rate. It stops when
 * the error still to go, estimated from the rate, is below `tolerance`. When the data are too
 * thin for a fixed matrix, the steps stop shrinking quickly and we return converged: false so
 * the caller falls back to full Newton.
 */
export function chordSolve(
  cells: PackedCells,
  modelCount: number,
  ridge: number,
  inverse: Float64Array,
  theta: Float64Array,
  gradient: Float64Array,
  step: Float64Array,
  maxIterations: number,
  tolerance: number,
): { iterations: number; converged: boolean } {
  const n = modelCount;
  let previousSize = Infinity;
  for (let iteration = 1; iteration <= maxIterations; iteration += 1) {
    evaluateGradient(cells, n, ridge, theta, gradient);
    let mean = 0;
    for (let i = 0; i < n; i += 1) mean += gradient[i] as number;
    // H0 acts as ridge * I along the ones direction (see solveFactoredInformation); the
    // inverse's rows sum to zero, so the product below ignores the gradient's mean by itself.
    const alongOnes = ridge > 0 ? mean / n / ridge : 0;
    let size = 0;
    for (let i = 0; i < n; i += 1) {
      const row = i * n;
      let value = alongOnes;
      for (let j = 0; j < n; j += 1)
        value += (inverse[row + j] as number) * (gradient[j] as number);
      step[i] = value;
      size = Math.max(size, Math.abs(value));
    }
    const rate = size / previousSize;
    // Contraction slower than halving per step: full Newton will do better from here.
    if (!(rate <= 0.5)) return { iterations: iteration, converged: false };
    for (let i = 0; i < n; i += 1) theta[i] = (theta[i] as number) + (step[i] as number);
    // A linear iteration with rate r has about size * r / (1 - r) still to go; the first
    // step has no rate yet.
    const remaining = iteration > 1 ? (size * rate) / (1 - rate) : size;
    if (size < tolerance || remaining < tolerance)
      return { iterations: iteration, converged: true };
    previousSize = size;
  }
  return { iterations: maxIterations, converged: false };
}
