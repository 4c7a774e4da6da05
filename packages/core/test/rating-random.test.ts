import { describe, expect, it } from 'vitest';
import { createRng, normalCdf, normalQuantile, samplePoisson, twoSidedZ } from '../src/rating';
import { logFactorial, PoissonSampler } from '../src/rating/poisson';

describe('createRng', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    const draw = (seed: number | string) => {
      const rng = createRng(seed);
      return Array.from({ length: 5 }, () => rng.nextUint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw('42')).not.toEqual(draw(42));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('gives uniform floats in [0, 1) and integers in [0, n)', () => {
    const rng = createRng(3);
    const buckets = new Array<number>(10).fill(0);
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i += 1) {
      const x = rng.nextFloat();
      min = Math.min(min, x);
      max = Math.max(max, x);
      buckets[Math.floor(x * 10)]! += 1;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    // Each bucket expects 10,000 with sd ~95; 6 sd either way would be a broken generator.
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(600);
    const ints = new Set(Array.from({ length: 1000 }, () => rng.nextInt(7)));
    expect([...ints].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('Poisson sampling', () => {
  it.each([0.3, 4, 9.9, 10, 37, 800])('matches mean and variance for mean %s', (mean) => {
    const sampler = new PoissonSampler([mean]);
    const rng = createRng(`poisson:${mean}`);
    const n = 40_000;
    let sum = 0;
    let sumSquares = 0;
    let allCounts = true;
    for (let i = 0; i < n; i += 1) {
      const k = sampler.sample(0, rng);
      allCounts &&= Number.isInteger(k) && k >= 0;
      sum += k;
      sumSquares += k * k;
    }
    expect(allCounts).toBe(true);
    const sampleMean = sum / n;
    const sampleVariance = sumSquares / n - sampleMean * sampleMean;
    // 5 standard errors: sd of the mean is sqrt(mean / n); of the variance about mean sqrt(2 / n).
    expect(Math.abs(sampleMean - mean)).toBeLessThan(5 * Math.sqrt(mean / n));
    expect(Math.abs(sampleVariance / mean - 1)).toBeLessThan(
      5 * Math.sqrt(2 / n) + 5 / Math.sqrt(mean * n),
    );
  });

  it('follows the Poisson probabilities (chi-square, PTRS range)', () => {
    const mean = 25;
    const n = 50_000;
    const rng = createRng('chi');
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i += 1) {
      const k = samplePoisson(mean, rng);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    // Bins 12..38 each expect > 100 draws; the rest are pooled in two tails.
    let chiSquare = 0;
    let below = 0;
    for (let k = 0; k < 12; k += 1) below += Math.exp(-mean + k * Math.log(mean) - logFactorial(k));
    let inside = 0;
    for (let k = 12; k <= 38; k += 1) {
      const expected = n * Math.exp(-mean + k * Math.log(mean) - logFactorial(k));
      inside += expected;
      chiSquare += ((counts.get(k) ?? 0) - expected) ** 2 / expected;
    }
    const observedBelow = [...counts].filter(([k]) => k < 12).reduce((s, [, c]) => s + c, 0);
    const observedAbove = [...counts].filter(([k]) => k > 38).reduce((s, [, c]) => s + c, 0);
    chiSquare += (observedBelow - n * below) ** 2 / (n * below);
    const above = n - inside - n * below;
    chiSquare += (observedAbove - above) ** 2 / above;
    // 28 degrees of freedom: the 99.9th percentile is 56.9.
    expect(chiSquare).toBeLessThan(56.9);
  });

  it('computes log-factorials across the table boundary', () => {
    let exact = 0;
    let worst = 0;
    for (let k = 1; k <= 300; k += 1) {
      exact += Math.log(k);
      worst = Math.max(worst, Math.abs(logFactorial(k) - exact) / Math.max(exact, 1));
    }
    expect(worst).toBeLessThan(1e-12);
  });
});

describe('normal helpers', () => {
  it('gives the usual critical values', () => {
    expect(twoSidedZ(0.95)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
  });
});
