import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedScore } from '../src/elo';
import { favouritismTest, type FitRatings, type ScreenedVote } from '../src/integrity';
import { createRng, type Rng } from '../src/rating';
import { BOARD, fitFollower, randomPair } from './support/integrity';

/** Follows `view` except in battles with `target`, which it always votes for (or against). */
function biased(view: FitRatings, target: string, against: boolean, count: number, rng: Rng) {
  return Array.from({ length: count }, (): ScreenedVote => {
    const [left, right] = randomPair(view, rng);
    let leftWins = rng.nextFloat() < expectedScore(view.get(left)!, view.get(right)!);
    if (left === target || right === target) leftWins = (left === target) !== against;
    return { left, right, outcome: leftWins ? 'left' : 'right' };
  });
}

describe('favouritismTest', () => {
  it('flags nothing in a voter who follows the fit', () => {
    const votes = fitFollower(BOARD, 300, createRng('fair'));
    for (const spread of [0, 50]) {
      const test = favouritismTest(votes, BOARD, 0.05, spread);
      expect(test.models).toHaveLength(5);
      expect([...test.favoured, ...test.disfavoured]).toEqual([]);
    }
  });

  it('flags the model a promoter always votes for, and the one a demoter always votes against', () => {
    const rng = createRng('bias');
    const promoted = favouritismTest(biased(BOARD, 'e', false, 60, rng), BOARD, 0.05, 50);
    // The target's opponents may be flagged as disfavoured too: they lose to it every time.
    expect(promoted.favoured.map((row) => row.model)).toEqual(['e']);
    const row = promoted.favoured[0]!;
    expect(row.wins).toBe(row.votes);
    expect(row.z).toBeGreaterThan(3);
    const demoted = favouritismTest(biased(BOARD, 'a', true, 60, rng), BOARD, 0.05, 50);
    expect(demoted.disfavoured.map((row) => row.model)).toEqual(['a']);
  });

  it('uses exact tails: three wins out of three for an even model is p = 0.25', () => {
    const even: FitRatings = new Map([
      ['x', 1000],
      ['y', 1000],
    ]);
    const votes: ScreenedVote[] = new Array(3).fill({ left: 'x', right: 'y', outcome: 'left' });
    const test = favouritismTest(votes, even, 0.05);
    const x = test.models.find((row) => row.model === 'x')!;
    expect(x.pValue).toBeCloseTo(0.25, 12);
    // A normal approximation would have said z = 1.73 (p = 0.08); only the exact value is used.
    expect(x.z).toBeCloseTo(Math.sqrt(3), 12);
    expect(test.favoured).toEqual([]);
  });

  it('never flags three votes or fewer on a board where no gap exceeds 100 Elo', () => {
    const close: FitRatings = new Map([
      ['p', 1000],
      ['q', 1040],
      ['r', 1070],
      ['s', 1100],
    ]);
    const keys = [...close.keys()];
    const vote = fc
      .tuple(fc.constantFrom(...keys), fc.constantFrom(...keys), fc.boolean())
      .filter(([left, right]) => left !== right)
      .map(([left, right, leftWins]): ScreenedVote => ({
        left,
        right,
        outcome: leftWins ? 'left' : 'right',
      }));
    fc.assert(
      fc.property(fc.array(vote, { maxLength: 3 }), (votes) => {
        const test = favouritismTest(votes, close, 0.05, 0);
        expect([...test.favoured, ...test.disfavoured]).toEqual([]);
      }),
    );
  });

  it('keeps false alarms under alpha for fit followers with short records', () => {
    const rng = createRng('short');
    let flagged = 0;
    const voters = 5000;
    for (let i = 0; i < voters; i += 1) {
      const test = favouritismTest(fitFollower(BOARD, 1 + rng.nextInt(12), rng), BOARD, 0.05);
      if (test.favoured.length + test.disfavoured.length > 0) flagged += 1;
    }
    expect(flagged / voters).toBeLessThanOrEqual(0.05);
  });

  it('ignores votes with a model the fit does not rate', () => {
    const votes: ScreenedVote[] = new Array(40).fill({ left: 'new', right: 'a', outcome: 'left' });
    const test = favouritismTest(votes, BOARD, 0.05);
    expect(test.models).toEqual([]);
    expect(test.favoured).toEqual([]);
  });

  it('allows for taste: a long record with a real liking flags only without the allowance', () => {
    // A voter who rates c 80 Elo above the crowd, over 1,000 votes.
    const view = new Map(BOARD);
    view.set('c', 1080);
    const votes = biased(view, 'none', false, 1000, createRng('taste'));
    expect(favouritismTest(votes, BOARD, 0.05, 0).favoured.map((row) => row.model)).toEqual(['c']);
    expect(favouritismTest(votes, BOARD, 0.05, 50).favoured).toEqual([]);
  });
});
