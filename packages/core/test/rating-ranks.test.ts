import { describe, expect, it } from 'vitest';
import { displayRanks, kendallTau, provisionalFlags, PROVISIONAL_VOTES } from '../src/rating';

describe('displayRanks', () => {
  it('counts only the models better beyond doubt, so overlapping models share a rank', () => {
    const ranks = displayRanks([
      { low: 1180, high: 1220 }, // clear leader
      { low: 1090, high: 1150 }, // overlaps the next one
      { low: 1100, high: 1130 },
      { low: 1000, high: 1095 }, // overlaps model 1, but model 2 is surely better
      { low: 800, high: 900 },
    ]);
    expect(ranks).toEqual([1, 2, 2, 3, 5]);
  });

  it('gives everyone rank 1 when nothing can be told apart, and 1..n when all can', () => {
    expect(
      displayRanks([
        { low: 0, high: 10 },
        { low: 5, high: 15 },
      ]),
    ).toEqual([1, 1]);
    expect(
      displayRanks([
        { low: 10, high: 11 },
        { low: 30, high: 31 },
        { low: 20, high: 21 },
      ]),
    ).toEqual([3, 1, 2]);
  });

  it('treats touching bounds as overlapping', () => {
    expect(
      displayRanks([
        { low: 10, high: 20 },
        { low: 20, high: 30 },
      ]),
    ).toEqual([1, 1]);
  });
});

describe('provisionalFlags', () => {
  it('flags models below the vote threshold', () => {
    expect(provisionalFlags([0, 99, 100, 500], 100)).toEqual([true, true, false, false]);
    expect(provisionalFlags([PROVISIONAL_VOTES - 1, PROVISIONAL_VOTES])).toEqual([true, false]);
  });
});

describe('kendallTau', () => {
  it('is 1 for the same order, -1 reversed, and handles ties (tau-b)', () => {
    expect(kendallTau([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(kendallTau([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    // One swapped pair out of six: (5 - 1) / 6.
    expect(kendallTau([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(4 / 6, 12);
    expect(kendallTau([1, 2, 3], [5, 5, 5])).toBe(0);
    expect(kendallTau([1, 2, 3], [1, 1, 2])).toBeCloseTo(2 / Math.sqrt(3 * 2), 12);
  });
});
