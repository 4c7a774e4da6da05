/**
 * The little dense linear algebra the fit needs, on row-major n x n Float64Arrays. p is at most
 * a few hundred models, so an O(p^3) Cholesky costs microseconds and a dependency is not worth it.
 */

/**
 * Cholesky factorisation A = L L^T, written over the lower triangle of `a` (the upper triangle
 * is left alone and must be ignored afterwards). Returns false when A is not numerically
 * positive definite, which for the fit means "the comparison graph is disconnected".
 */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j += 1) {
    const rowJ = j * n;
    let diagonal = a[rowJ + j] as number;
    for (let k = 0; k < j; k += 1) {
      const value = a[rowJ + k] as number;
      diagonal -= value * value;
    }
    if (!(diagonal > 0) || !Number.isFinite(diagonal)) return false;
    const pivot = Math.sqrt(diagonal);
    a[rowJ + j] = pivot;
    for (let i = j + 1; i < n; i += 1) {
      const rowI = i * n;
      let sum = a[rowI + j] as number;
      for (let k = 0; k < j; k += 1) sum -= (a[rowI + k] as number) * (a[rowJ + k] as number);
      a[rowI + j] = sum / pivot;
    }
  }
  return true;
}

/** Solve L L^T x = b in place (b becomes x), given the factor from `choleskyInPlace`. */
export function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array): void {
  // Forward substitution: L y = b.
  for (let i = 0; i < n; i += 1) {
    const row = i * n;
    let sum = b[i] as number;
    for (let k = 0; k < i; k += 1) sum -= (l[row + k] as number) * (b[k] as number);
    b[i] = sum / (l[row + i] as number);
  }
  // Back substitution: L^T x = y, reading L^T column-wise from L's rows.
  for (let i = n - 1; i >= 0; i -= 1) {
    let sum = b[i] as number;
    for (let k = i + 1; k < n; k += 1) sum -= (l[k * n + i] as number) * (b[k] as number);
    b[i] = sum / (l[i * n + i] as number);
  }
}

/** Largest absolute entry: the step size the Newton loop tests for convergence. */
export function maxAbs(values: Float64Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = Math.abs(values[i] as number);
    if (value > max) max = value;
  }
  return max;
}
