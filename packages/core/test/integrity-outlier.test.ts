import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedScore } from '../src/elo';
import { outlierTest, type ScreenedVote } from '../src/integrity';
import { createRng } from '../src/rating';
import { BOARD, contrarian, fitFollower } from './support/integrity';

describe('outlierTest', () => {
  it('is the product of 1 / (2p) over the decisive votes, ties and both-bad counting 1', () => {
    const votes: ScreenedVote[] = [
      { left: 'a', right: 'c', outcome: 'right' },
      { left: 'b', right: 'e', outcome: 'tie' },
      { left: 'd', right: 'b', outcome: 'right' },
      { left: 'e', right: 'a', outcome: 'both_bad' },
      { left: 'e', right: 'd', outcome: 'left' },
    ];
    const product =
      (1 / (2 * expectedScore(1000, 1200))) *
      (1 / (2 * expectedScore(1100, 900))) *
      (1 / (2 * expectedScore(800, 900)));
    const test = outlierTest(votes, BOARD, 0.05);
    expect(test.scoredVotes).toBe(3);
    expect(Math.exp(test.logEValue)).toBeCloseTo(product, 12);
    expect(test.threshold).toBeCloseTo(Math.log(20), 12);
  });

  it('ignores votes with a model the fit does not rate', () => {
    const votes: ScreenedVote[] = [
      { left: 'new', right: 'a', outcome: 'left' },
      { left: 'a', right: 'b', outcome: 'left' },
    ];
    const test = outlierTest(votes, BOARD, 0.05);
    expect(test.scoredVotes).toBe(1);
    expect(test.logEValue).toBeCloseTo(-Math.log(2 * expectedScore(1200, 1100)), 12);
  });

  it('flags on the running maximum, so a later streak of agreement does not clear a voter', () => {
    const rng = createRng('streak');
    const votes = [...contrarian(BOARD, 30, rng), ...fitFollower(BOARD, 400, rng)];
    const test = outlierTest(votes, BOARD, 0.01);
    expect(test.maxLogEValue).toBeGreaterThan(test.threshold);
    expect(test.logEValue).toBeLessThan(test.threshold);
    expect(test.crossed).toBe(true);
  });

  it('does not flag a voter who follows the fit, and flags one voting against it', () => {
    const rng = createRng('follow');
    expect(outlierTest(fitFollower(BOARD, 200, rng), BOARD, 0.01).crossed).toBe(false);
    // Three upsets between neighbours (100 Elo) are worth 1.39^3 = 2.7: nothing to go on.
    const upsets: ScreenedVote[] = [
      { left: 'a', right: 'b', outcome: 'right' },
      { left: 'c', right: 'b', outcome: 'left' },
      { left: 'd', right: 'e', outcome: 'right' },
    ];
    expect(outlierTest(upsets, BOARD, 0.01).crossed).toBe(false);
    expect(outlierTest(contrarian(BOARD, 20, rng), BOARD, 0.01).crossed).toBe(true);
  });

  it('has expectation 1 and crosses at most alpha of the time for voters who follow the fit', () => {
    const rng = createRng('ville');
    const voters = 20_000;
    let sum = 0;
    let crossed = 0;
    for (let i = 0; i < voters; i += 1) {
      const test = outlierTest(fitFollower(BOARD, 10, rng), BOARD, 0.05);
      sum += Math.exp(test.logEValue);
      if (test.crossed) crossed += 1;
    }
    // Each factor has second moment <= 1 / (4 p (1 - p)) <= 1.4 here: sd of the mean ~0.04.
    expect(Math.abs(sum / voters - 1)).toBeLessThan(0.15);
    expect(crossed / voters).toBeLessThanOrEqual(0.05);
  });

  it('adds one log factor per decisive vote, whatever the votes', () => {
    const keys = [...BOARD.keys()];
    const vote = fc
      .tuple(
        fc.constantFrom(...keys, 'unrated'),
        fc.constantFrom(...keys),
        fc.constantFrom('left', 'right', 'tie', 'both_bad' as const),
      )
      .filter(([left, right]) => left !== right)
      .map(([left, right, outcome]): ScreenedVote => ({ left, right, outcome }));
    fc.assert(
      fc.property(fc.array(vote, { maxLength: 30 }), (votes) => {
        let expected = 0;
        let scored = 0;
        for (const { left, right, outcome } of votes) {
          if (outcome === 'tie' || outcome === 'both_bad' || !BOARD.has(left)) continue;
          const [winner, loser] = outcome === 'left' ? [left, right] : [right, left];
          expected -= Math.log(2 * expectedScore(BOARD.get(winner)!, BOARD.get(loser)!));
          scored += 1;
        }
        const test = outlierTest(votes, BOARD, 0.05);
        expect(test.scoredVotes).toBe(scored);
        expect(test.logEValue).toBeCloseTo(expected, 9);
        expect(test.maxLogEValue).toBeGreaterThanOrEqual(Math.max(0, test.logEValue));
      }),
    );
  });
});
