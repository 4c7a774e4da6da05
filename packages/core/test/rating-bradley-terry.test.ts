import { describe, expect, it } from 'vitest';
import {
  aggregatePairVotes,
  createRng,
  ELO_PER_NAT,
  fitBradleyTerry,
  shuffleInPlace,
  type PairCounts,
  type PairVote,
} from '../src/rating';

/**
 * Zermelo's MM iteration (Hunter 2004), written independently of the Newton fit: the plain
 * maximum-likelihood estimate with ties and both-bad as half a win each, no ridge.
 */
function zermeloRatings(cells: PairCounts[], p: number): number[] {
  const score = new Array<number>(p).fill(0);
  for (const c of cells) {
    score[c.a]! += c.winsA + 0.5 * (c.ties + c.bothBad);
    score[c.b]! += c.winsB + 0.5 * (c.ties + c.bothBad);
  }
  let strength = new Array<number>(p).fill(1);
  for (let iteration = 0; iteration < 100_000; iteration += 1) {
    const denominator = new Array<number>(p).fill(0);
    for (const c of cells) {
      const n = c.winsA + c.winsB + c.ties + c.bothBad;
      const share = n / (strength[c.a]! + strength[c.b]!);
      denominator[c.a]! += share;
      denominator[c.b]! += share;
    }
    const next = strength.map((_, i) => score[i]! / denominator[i]!);
    const logMean = next.reduce((s, x) => s + Math.log(x), 0) / p;
    const normalised = next.map((x) => x / Math.exp(logMean));
    const change = Math.max(...normalised.map((x, i) => Math.abs(Math.log(x / strength[i]!))));
    strength = normalised;
    if (change < 1e-13) break;
  }
  return strength.map((x) => 1000 + ELO_PER_NAT * Math.log(x));
}

/** A small, well-connected tournament with every kind of outcome. */
const handMade: PairCounts[] = [
  { a: 0, b: 1, winsA: 7, winsB: 3, ties: 2, bothBad: 1 },
  { a: 0, b: 2, winsA: 5, winsB: 5, ties: 0, bothBad: 2 },
  { a: 0, b: 3, winsA: 9, winsB: 2, ties: 1, bothBad: 0 },
  { a: 1, b: 2, winsA: 4, winsB: 6, ties: 3, bothBad: 0 },
  { a: 1, b: 3, winsA: 6, winsB: 4, ties: 0, bothBad: 1 },
  { a: 2, b: 3, winsA: 8, winsB: 1, ties: 1, bothBad: 1 },
];

function votesFromCells(cells: PairCounts[]): PairVote[] {
  return cells.flatMap((c) => [
    ...Array.from({ length: c.winsA }, () => ({ a: c.a, b: c.b, outcome: 'a' as const })),
    ...Array.from({ length: c.winsB }, () => ({ a: c.a, b: c.b, outcome: 'b' as const })),
    ...Array.from({ length: c.ties }, () => ({ a: c.a, b: c.b, outcome: 'tie' as const })),
    ...Array.from({ length: c.bothBad }, () => ({ a: c.a, b: c.b, outcome: 'both_bad' as const })),
  ]);
}

describe('fitBradleyTerry', () => {
  it('matches an independent maximum-likelihood reference (Zermelo MM) with ridge 0', () => {
    const fit = fitBradleyTerry(handMade, 4, { ridge: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThanOrEqual(8);
    const reference = zermeloRatings(handMade, 4);
    fit.ratings.forEach((rating, i) => expect(rating).toBeCloseTo(reference[i]!, 6));
  });

  it('moves the estimate only slightly with the default ridge on well-connected data', () => {
    const reference = zermeloRatings(handMade, 4);
    const fit = fitBradleyTerry(handMade, 4);
    fit.ratings.forEach((rating, i) => expect(Math.abs(rating - reference[i]!)).toBeLessThan(1));
  });

  it('puts two models on the Elo scale: 3 wins to 1 is 400 log10(3) points', () => {
    const fit = fitBradleyTerry([{ a: 0, b: 1, winsA: 30, winsB: 10, ties: 0, bothBad: 0 }], 2, {
      ridge: 0,
    });
    expect(fit.ratings[0]! - fit.ratings[1]!).toBeCloseTo(400 * Math.log10(3), 6);
    expect((fit.ratings[0]! + fit.ratings[1]!) / 2).toBeCloseTo(1000, 9);
  });

  it('keeps a model that never loses finite, and above the rest', () => {
    const cells: PairCounts[] = [
      { a: 0, b: 1, winsA: 40, winsB: 0, ties: 0, bothBad: 0 },
      { a: 0, b: 2, winsA: 25, winsB: 0, ties: 0, bothBad: 0 },
      { a: 1, b: 2, winsA: 12, winsB: 10, ties: 3, bothBad: 0 },
    ];
    const fit = fitBradleyTerry(cells, 3);
    expect(fit.converged).toBe(true);
    expect(fit.ratings.every(Number.isFinite)).toBe(true);
    expect(fit.ratings[0]!).toBeGreaterThan(fit.ratings[1]! + 400);
    // A stronger ridge pulls the unbeaten model further toward the mean.
    const tighter = fitBradleyTerry(cells, 3, { ridge: 0.1 });
    expect(tighter.ratings[0]!).toBeLessThan(fit.ratings[0]!);
  });

  it('gives a model with no votes the mean rating, and leaves the others as they were', () => {
    const withIdle = fitBradleyTerry(handMade, 5);
    const without = fitBradleyTerry(handMade, 4);
    expect(withIdle.converged).toBe(true);
    expect(withIdle.ratings[4]).toBeCloseTo(1000, 9);
    withIdle.ratings
      .slice(0, 4)
      .forEach((rating, i) => expect(rating).toBeCloseTo(without.ratings[i]!, 9));
    // Without a ridge nothing pins an unplayed model: a clear error, not a NaN.
    expect(() => fitBradleyTerry(handMade, 5, { ridge: 0 })).toThrow(/singular/);
  });

  it('does not depend on the order of votes or cells', () => {
    const votes = votesFromCells(handMade);
    const fit = fitBradleyTerry(aggregatePairVotes(votes, 4), 4);
    for (const seed of [1, 2, 3]) {
      const shuffledVotes = shuffleInPlace([...votes], createRng(seed));
      expect(fitBradleyTerry(aggregatePairVotes(shuffledVotes, 4), 4).ratings).toEqual(fit.ratings);
      const shuffledCells = shuffleInPlace([...handMade], createRng(seed));
      fitBradleyTerry(shuffledCells, 4).ratings.forEach((rating, i) =>
        expect(rating).toBeCloseTo(fit.ratings[i]!, 9),
      );
    }
  });

  it('counts ties and both-bad as half a win to each side', () => {
    const onlyDraws = fitBradleyTerry(
      [
        { a: 0, b: 1, winsA: 0, winsB: 0, ties: 5, bothBad: 0 },
        { a: 1, b: 2, winsA: 0, winsB: 0, ties: 2, bothBad: 7 },
      ],
      3,
    );
    onlyDraws.ratings.forEach((rating) => expect(rating).toBeCloseTo(1000, 9));

    const plain = { ridge: 0 };
    const winAndTie = fitBradleyTerry(
      [{ a: 0, b: 1, winsA: 1, winsB: 0, ties: 1, bothBad: 0 }],
      2,
      plain,
    );
    const winAndBothBad = fitBradleyTerry(
      [{ a: 0, b: 1, winsA: 1, winsB: 0, ties: 0, bothBad: 1 }],
      2,
      plain,
    );
    // 1.5 vs 0.5 wins over two games, i.e. three wins to one.
    const threeToOne = fitBradleyTerry(
      [{ a: 0, b: 1, winsA: 1.5, winsB: 0.5, ties: 0, bothBad: 0 }],
      2,
      plain,
    );
    expect(winAndTie.ratings).toEqual(threeToOne.ratings);
    expect(winAndBothBad.ratings).toEqual(threeToOne.ratings);
    expect(threeToOne.ratings[0]! - threeToOne.ratings[1]!).toBeCloseTo(400 * Math.log10(3), 6);
  });

  it('anchors on the mean by default, or on a chosen model', () => {
    const byMean = fitBradleyTerry(handMade, 4);
    const mean = byMean.ratings.reduce((s, r) => s + r, 0) / 4;
    expect(mean).toBeCloseTo(1000, 9);

    const custom = fitBradleyTerry(handMade, 4, { anchor: { rating: 1500 } });
    custom.ratings.forEach((rating, i) => expect(rating).toBeCloseTo(byMean.ratings[i]! + 500, 9));

    const pinned = fitBradleyTerry(handMade, 4, { anchor: { model: 2, rating: 1200 } });
    expect(pinned.ratings[2]).toBeCloseTo(1200, 9);
    pinned.ratings.forEach((rating, i) =>
      expect(rating - pinned.ratings[2]!).toBeCloseTo(byMean.ratings[i]! - byMean.ratings[2]!, 9),
    );
    expect(() => fitBradleyTerry(handMade, 4, { anchor: { model: 9, rating: 1 } })).toThrow(
      RangeError,
    );
  });

  it('converges in a handful of Newton steps, fewer from a warm start', () => {
    const cold = fitBradleyTerry(handMade, 4);
    expect(cold.converged).toBe(true);
    expect(cold.iterations).toBeLessThanOrEqual(8);
    const warm = fitBradleyTerry(handMade, 4, { initial: cold.strengths });
    expect(warm.iterations).toBeLessThanOrEqual(2);
    warm.ratings.forEach((rating, i) => expect(rating).toBeCloseTo(cold.ratings[i]!, 9));
  });

  it('refuses a disconnected comparison graph without a ridge, and fits it with one', () => {
    const islands: PairCounts[] = [
      { a: 0, b: 1, winsA: 3, winsB: 1, ties: 0, bothBad: 0 },
      { a: 2, b: 3, winsA: 1, winsB: 3, ties: 0, bothBad: 0 },
    ];
    expect(() => fitBradleyTerry(islands, 4, { ridge: 0 })).toThrow(/singular/);
    expect(fitBradleyTerry(islands, 4).ratings.every(Number.isFinite)).toBe(true);
  });

  it('rejects cells out of canonical order or with negative counts', () => {
    expect(() =>
      fitBradleyTerry([{ a: 1, b: 0, winsA: 1, winsB: 0, ties: 0, bothBad: 0 }], 2),
    ).toThrow(RangeError);
    expect(() =>
      fitBradleyTerry([{ a: 0, b: 1, winsA: -1, winsB: 0, ties: 0, bothBad: 0 }], 2),
    ).toThrow(RangeError);
  });
});
