import type { Rng } from './random';

const FACTORIAL_TABLE_SIZE = 256;
const LOG_FACTORIALS = (() => {
  const table = new Float64Array(FACTORIAL_TABLE_SIZE);
  for (let k = 1; k < FACTORIAL_TABLE_SIZE; k += 1) {
    table[k] = (table[k - 1] as number) + Math.log(k);
  }
  return table;
})();
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln(k!) for a non-negative integer k: a table for small k, Stirling's series beyond it. */
export function logFactorial(k: number): number {
  if (k < FACTORIAL_TABLE_SIZE) return LOG_FACTORIALS[k] as number;
  // Three correction terms are accurate to ~1e-16 relative for k >= 256.
  const inverse = 1 / k;
  const inverseSquared = inverse * inverse;
  return (
    k * Math.log(k) -
    k +
    0.5 * Math.log(k) +
    HALF_LOG_TWO_PI +
    inverse * (1 / 12 - inverseSquared * (1 / 360 - inverseSquared / 1260))
  );
}

/** Below this mean, inversion is cheaper than rejection (NumPy uses the same cut-off). */
const INVERSION_LIMIT = 10;
const TWO_POW_MINUS_32 = 2 ** -32;

/** Per-mean constants of Hörmann's PTRS, computed once per mean. */
interface PtrsConstants {
  logMean: number;
  a: number;
  b: number;
  logInverseAlpha: number;
  acceptBelow: number;
}

function ptrsConstants(mean: number): PtrsConstants {
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  return {
    logMean: Math.log(mean),
    a: -0.059 + 0.02483 * b,
    b,
    logInverseAlpha: Math.log(1.1239 + 1.1328 / (b - 3.4)),
    acceptBelow: 0.9277 - 3.6224 / (b - 2),
  };
}

/** PTRS: transformed rejection with squeeze (Hörmann 1993), as in NumPy, for mean >= 10. */
function byPtrs(mean: number, k: PtrsConstants, rng: Rng): number {
  for (;;) {
    // 32-bit uniforms: plenty for an accept/reject decision, and half the generator calls.
    const u = rng.nextUint32() * TWO_POW_MINUS_32 - 0.5;
    const v = rng.nextUint32() * TWO_POW_MINUS_32;
    const us = 0.5 - Math.abs(u);
    const draw = Math.floor(((2 * k.a) / us + k.b) * u + mean + 0.43);
    // The squeeze accepts ~86% of proposals without evaluating the density.
    if (us >= 0.07 && v <= k.acceptBelow) return draw;
    if (draw < 0 || (us < 0.013 && v > us)) continue;
    const logAcceptance = Math.log(v) + k.logInverseAlpha - Math.log(k.a / (us * us) + k.b);
    if (logAcceptance <= -mean + draw * k.logMean - logFactorial(draw)) return draw;
  }
}

/** Inversion by sequential search, for small means. */
function byInversion(mean: number, expMinusMean: number, rng: Rng): number {
  const u = rng.nextFloat();
  let k = 0;
  let probability = expMinusMean;
  let cumulative = probability;
  // The cap only matters if rounding leaves the cumulative sum a hair below u near 1.
  while (u > cumulative && k < 1000) {
    k += 1;
    probability *= mean / k;
    cumulative += probability;
  }
  return k;
}

function assertMean(mean: number): void {
  if (!(mean >= 0) || !Number.isFinite(mean)) {
    throw new RangeError(`Poisson mean must be finite and >= 0, got ${mean}`);
  }
}

/**
 * One Poisson(mean) variate, exact for every mean: inversion for means below 10, PTRS above,
 * which takes about 1.1 uniform pairs per variate however large the mean. That constant cost is
 * what lets the bootstrap resample a cell holding a million votes as fast as one holding ten.
 */
export function samplePoisson(mean: number, rng: Rng): number {
  assertMean(mean);
  if (mean === 0) return 0;
  if (mean < INVERSION_LIMIT) return byInversion(mean, Math.exp(-mean), rng);
  return byPtrs(mean, ptrsConstants(mean), rng);
}

/**
 * Poisson variates for a fixed list of means, drawn again and again: the bootstrap resamples
 * the same cell counts every round, so the per-mean constants (an exp for inversion; a sqrt
 * and two logs for PTRS) are computed once instead of on every draw.
 */
export class PoissonSampler {
  private readonly means: Float64Array;
  private readonly expMinusMeans: Float64Array;
  private readonly constants: (PtrsConstants | undefined)[];

  constructor(means: ArrayLike<number>) {
    this.means = Float64Array.from(means);
    this.means.forEach(assertMean);
    this.expMinusMeans = this.means.map((mean) => Math.exp(-mean));
    this.constants = Array.from(this.means, (mean) =>
      mean >= INVERSION_LIMIT ? ptrsConstants(mean) : undefined,
    );
  }

  get length(): number {
    return this.means.length;
  }

  /** One draw from Poisson(means[index]). */
  sample(index: number, rng: Rng): number {
    const mean = this.means[index] as number;
    if (mean === 0) return 0;
    const constants = this.constants[index];
    return constants
      ? byPtrs(mean, constants, rng)
      : byInversion(mean, this.expMinusMeans[index] as number, rng);
  }
}
