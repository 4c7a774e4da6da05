import { describe, expect, it } from 'vitest';
import { eloChange, expectedScore } from '../src/elo';

describe('online Elo', () => {
  it('expects even odds between equal ratings and 10:1 at 400 points', () => {
    expect(expectedScore(1000, 1000)).toBe(0.5);
    expect(expectedScore(1400, 1000)).toBeCloseTo(10 / 11, 12);
  });

  it('moves the winner up by K times the surprise, the loser down by the same', () => {
    const change = eloChange(1000, 1000, 'left', 32);
    expect(change.left).toBe(16);
    expect(change.right).toBe(-16);
    const upset = eloChange(1000, 1400, 'left', 32);
    expect(upset.left).toBeCloseTo(32 * (1 - 1 / 11), 10);
  });

  it('treats a tie and "both bad" as half a win each', () => {
    expect(eloChange(1100, 1000, 'tie', 32)).toEqual(eloChange(1100, 1000, 'both_bad', 32));
    expect(eloChange(1000, 1000, 'tie', 32).left).toBe(0);
    expect(eloChange(1100, 1000, 'tie', 32).left).toBeLessThan(0);
  });

  it('is zero-sum for every outcome', () => {
    for (const outcome of ['left', 'right', 'tie', 'both_bad'] as const) {
      const change = eloChange(1234.5, 987.25, outcome, 24);
      expect(change.left + change.right).toBe(0);
    }
  });
});
