import { describe, expect, it } from 'vitest';
import {
  bootstrapIntervals,
  createRng,
  fitBradleyTerry,
  samplePoisson,
  type PairCounts,
} from '../src/rating';
import { sortedQuantile } from '../src/rating/intervals';
import { PoissonSampler } from '../src/rating/poisson';

/**
 * The bootstrap refits each round with chord iterations from the point estimate and an early
 * stop. Replaying the same resampling here and refitting each round from scratch with full
 * Newton to 1e-12 must give the same intervals.
 */
function referenceIntervals(cells: PairCounts[], p: number, seed: number, rounds: number) {
  const rng = createRng(seed);
  const n = cells.length;
  const sampler = new PoissonSampler([
    ...cells.map((c) => c.winsA),
    ...cells.map((c) => c.winsB),
    ...cells.map((c) => c.ties + c.bothBad),
  ]);
  const draws: number[][] = Array.from({ length: p }, () => []);
  for (let round = 0; round < rounds; round += 1) {
    const resampled = cells.map((c, i) => ({
      a: c.a,
      b: c.b,
      winsA: sampler.sample(i, rng),
      winsB: sampler.sample(n + i, rng),
      ties: sampler.sample(2 * n + i, rng),
      bothBad: 0,
    }));
    fitBradleyTerry(resampled, p, { tolerance: 1e-12 }).ratings.forEach((r, i) =>
      draws[i]!.push(r),
    );
  }
  return draws.map((d) => {
    const sorted = Float64Array.from(d).sort();
    return { low: sortedQuantile(sorted, 0.025), high: sortedQuantile(sorted, 0.975) };
  });
}

function randomCells(p: number, perPair: number, seed: string): PairCounts[] {
  const rng = createRng(seed);
  const strength = Array.from({ length: p }, () => 2 * rng.nextFloat());
  const cells: PairCounts[] = [];
  for (let a = 0; a < p; a += 1) {
    for (let b = a + 1; b < p; b += 1) {
      const s = 1 / (1 + Math.exp(strength[b]! - strength[a]!));
      const n = samplePoisson(perPair, rng);
      cells.push({
        a,
        b,
        winsA: samplePoisson(0.8 * n * s, rng),
        winsB: samplePoisson(0.8 * n * (1 - s), rng),
        ties: samplePoisson(0.15 * n, rng),
        bothBad: samplePoisson(0.05 * n, rng),
      });
    }
  }
  return cells;
}

describe('bootstrap rounds', () => {
  it.each([
    ['large cells', 12, 800],
    ['thin cells', 8, 6],
  ])('match full Newton refits of the same resamples (%s)', (_, p, perPair) => {
    const cells = randomCells(p, perPair, `exact:${perPair}`).filter(
      (c) => c.winsA + c.winsB + c.ties + c.bothBad > 0,
    );
    const result = bootstrapIntervals(cells, p, { rng: createRng(77), rounds: 60 });
    const reference = referenceIntervals(cells, p, 77, 60);
    result.intervals.forEach((interval, i) => {
      expect(Math.abs(interval.low - reference[i]!.low)).toBeLessThan(0.05);
      expect(Math.abs(interval.high - reference[i]!.high)).toBeLessThan(0.05);
    });
  });
});
