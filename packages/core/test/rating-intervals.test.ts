import { describe, expect, it } from 'vitest';
import {
  bootstrapIntervals,
  computeRatings,
  createRng,
  fitBradleyTerry,
  runSimulationSeries,
  sandwichIntervals,
  simulateVote,
  DEFAULT_VOTER,
  type PairCounts,
  type RatingInterval,
} from '../src/rating';

/** Cells from simulated voters over every pair, `perPair` votes each. */
function simulatedCells(
  truth: number[],
  perPair: number,
  seed: string,
  drawChance = 0.3,
): PairCounts[] {
  const rng = createRng(seed);
  const voter = { ...DEFAULT_VOTER, maxDrawProbability: drawChance };
  const cells: PairCounts[] = [];
  for (let a = 0; a < truth.length; a += 1) {
    for (let b = a + 1; b < truth.length; b += 1) {
      const cell = { a, b, winsA: 0, winsB: 0, ties: 0, bothBad: 0 };
      for (let k = 0; k < perPair; k += 1) {
        const outcome = simulateVote(truth[a]!, truth[b]!, voter, rng);
        if (outcome === 'a') cell.winsA += 1;
        else if (outcome === 'b') cell.winsB += 1;
        else if (outcome === 'tie') cell.ties += 1;
        else cell.bothBad += 1;
      }
      cells.push(cell);
    }
  }
  return cells;
}

const meanWidth = (intervals: RatingInterval[]) =>
  intervals.reduce((sum, i) => sum + i.high - i.low, 0) / intervals.length;

const truth = [880, 940, 1000, 1020, 1060, 1100];

describe('bootstrapIntervals', () => {
  const cells = simulatedCells(truth, 200, 'boot');

  it('is reproducible from the seed, and only from the seed', () => {
    const run = (seed: number) =>
      bootstrapIntervals(cells, 6, { rng: createRng(seed), rounds: 50 });
    expect(run(11).intervals).toEqual(run(11).intervals);
    expect(run(12).intervals).not.toEqual(run(11).intervals);
  });

  it('brackets the point estimate and converges every round', () => {
    const fit = fitBradleyTerry(cells, 6);
    const result = bootstrapIntervals(cells, 6, { rng: createRng(1), fit });
    expect(result.rounds).toBe(100);
    expect(result.unconverged).toBe(0);
    expect(result.meanIterations).toBeLessThan(6);
    result.intervals.forEach((interval, i) => {
      expect(interval.rating).toBe(fit.ratings[i]);
      expect(interval.low).toBeLessThan(interval.rating);
      expect(interval.high).toBeGreaterThan(interval.rating);
    });
  });

  it('covers the true strengths between 90% and 99% of the time over repeated arenas', () => {
    // 30 arenas of 8 models and 2,500 uniformly paired votes, 100 rounds each: 240 intervals.
    const { summary } = runSimulationSeries(
      {
        models: 8,
        spread: 300,
        policies: ['uniform'],
        maxVotes: 2500,
        checkEvery: 2500,
        finalBootstrapRounds: 100,
      },
      Array.from({ length: 30 }, (_, i) => `coverage:${i}`),
    );
    const uniform = summary[0]!;
    expect(uniform.meanBootstrapCoverage).toBeGreaterThanOrEqual(0.9);
    expect(uniform.meanBootstrapCoverage).toBeLessThanOrEqual(0.99);
    expect(uniform.meanCoverage).toBeGreaterThanOrEqual(0.9);
    expect(uniform.meanCoverage).toBeLessThanOrEqual(0.99);
  });

  it('gives a model without votes a wide interval around the mean', () => {
    const result = bootstrapIntervals(cells, 7, { rng: createRng(2), rounds: 20 });
    const idle = result.intervals[6]!;
    expect(idle.rating).toBeCloseTo(1000, 6);
    expect(idle.high - idle.low).toBeGreaterThan(10_000);
    expect(Number.isFinite(idle.low) && Number.isFinite(idle.high)).toBe(true);
  });
});

describe('sandwichIntervals', () => {
  it('agrees with the bootstrap on large data', () => {
    const large = simulatedCells(truth, 3000, 'large');
    const fit = fitBradleyTerry(large, 6);
    const sandwich = sandwichIntervals(large, 6, { fit });
    const bootstrap = bootstrapIntervals(large, 6, { fit, rng: createRng(5), rounds: 200 });
    const ratio = meanWidth(sandwich.intervals) / meanWidth(bootstrap.intervals);
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
    sandwich.intervals.forEach((interval, i) => {
      expect(interval.rating).toBe(fit.ratings[i]);
      expect(interval.high - interval.rating).toBeCloseTo(
        1.959964 * sandwich.standardErrors[i]!,
        6,
      );
    });
  });

  it('shrinks by sqrt(4) when the votes are multiplied by 4', () => {
    const cells = simulatedCells(truth, 300, 'scale');
    const times4 = cells.map((c) => ({
      ...c,
      winsA: 4 * c.winsA,
      winsB: 4 * c.winsB,
      ties: 4 * c.ties,
      bothBad: 4 * c.bothBad,
    }));
    const ratio =
      meanWidth(sandwichIntervals(cells, 6, { ridge: 0 }).intervals) /
      meanWidth(sandwichIntervals(times4, 6, { ridge: 0 }).intervals);
    expect(ratio).toBeCloseTo(2, 6);
  });

  it('is narrower when draws replace wins and losses (they vary less)', () => {
    const decisive: PairCounts[] = [
      { a: 0, b: 1, winsA: 100, winsB: 100, ties: 0, bothBad: 0 },
      { a: 1, b: 2, winsA: 100, winsB: 100, ties: 0, bothBad: 0 },
      { a: 0, b: 2, winsA: 100, winsB: 100, ties: 0, bothBad: 0 },
    ];
    const drawn = decisive.map((c) => ({ ...c, winsA: 50, winsB: 50, ties: 60, bothBad: 40 }));
    const se = (cells: PairCounts[]) => sandwichIntervals(cells, 3).standardErrors[0]!;
    expect(se(drawn)).toBeLessThan(0.8 * se(decisive));
  });

  it('gives the anchor model zero width when one model is pinned', () => {
    const cells = simulatedCells(truth, 100, 'pin');
    const pinned = sandwichIntervals(cells, 6, { anchor: { model: 0, rating: 900 } });
    expect(pinned.intervals[0]).toEqual({ rating: 900, low: 900, high: 900 });
    expect(pinned.standardErrors[3]).toBeGreaterThan(0);
  });
});

describe('computeRatings', () => {
  it('returns ratings, intervals, shared ranks and provisional flags per model', () => {
    const cells = simulatedCells([800, 1000, 1005, 1200], 150, 'table');
    const result = computeRatings(cells, 5, { method: 'sandwich', provisionalVotes: 100 });
    const byModel = result.models;
    expect(byModel.map((m) => m.model)).toEqual([0, 1, 2, 3, 4]);
    expect(byModel[3]!.rank).toBe(1);
    // Models 1 and 2 are 5 Elo apart: not separable, so they share a rank.
    expect(byModel[1]!.rank).toBe(byModel[2]!.rank);
    expect(byModel.map((m) => m.votes)).toEqual([450, 450, 450, 450, 0]);
    expect(byModel.map((m) => m.provisional)).toEqual([false, false, false, false, true]);
    const boot = computeRatings(cells, 5, { method: 'bootstrap', rng: createRng(1), rounds: 30 });
    expect(boot.method).toBe('bootstrap');
    expect(boot.models[3]!.rating).toBeCloseTo(byModel[3]!.rating, 9);
  });
});
