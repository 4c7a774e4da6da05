import { describe, expect, it } from 'vitest';
import {
  aggregatePairVotes,
  createRng,
  modelVoteCounts,
  pairAt,
  pairCount,
  pairIndex,
  pairVoteFromSides,
  shuffleInPlace,
  type PairVote,
} from '../src/rating';

describe('aggregatePairVotes', () => {
  it('counts each outcome per pair in canonical order', () => {
    const cells = aggregatePairVotes(
      [
        { a: 0, b: 1, outcome: 'a' },
        { a: 0, b: 1, outcome: 'a' },
        { a: 0, b: 1, outcome: 'b' },
        { a: 0, b: 1, outcome: 'tie' },
        { a: 2, b: 1, outcome: 'a' }, // model 2 beat model 1, given as (2, 1)
        { a: 2, b: 1, outcome: 'both_bad' },
      ],
      3,
    );
    expect(cells).toEqual([
      { a: 0, b: 1, winsA: 2, winsB: 1, ties: 1, bothBad: 0 },
      { a: 1, b: 2, winsA: 0, winsB: 1, ties: 0, bothBad: 1 },
    ]);
  });

  it('gives identical cells whatever order the votes arrive in', () => {
    const rng = createRng('votes');
    const outcomes = ['a', 'b', 'tie', 'both_bad'] as const;
    const votes: PairVote[] = Array.from({ length: 500 }, () => {
      const a = rng.nextInt(6);
      const b = (a + 1 + rng.nextInt(5)) % 6;
      return { a, b, outcome: outcomes[rng.nextInt(4)] as PairVote['outcome'] };
    });
    const once = aggregatePairVotes(votes, 6);
    const shuffled = aggregatePairVotes(shuffleInPlace([...votes], createRng(7)), 6);
    expect(shuffled).toEqual(once);
    expect(once.reduce((sum, c) => sum + c.winsA + c.winsB + c.ties + c.bothBad, 0)).toBe(500);
  });

  it('rejects a model playing itself and out-of-range models', () => {
    expect(() => aggregatePairVotes([{ a: 1, b: 1, outcome: 'a' }], 3)).toThrow(RangeError);
    expect(() => aggregatePairVotes([{ a: 0, b: 3, outcome: 'a' }], 3)).toThrow(RangeError);
  });
});

describe('pair helpers', () => {
  it('maps screen sides to pair outcomes', () => {
    expect(pairVoteFromSides(4, 2, 'left')).toEqual({ a: 4, b: 2, outcome: 'a' });
    expect(pairVoteFromSides(4, 2, 'right')).toEqual({ a: 4, b: 2, outcome: 'b' });
    expect(pairVoteFromSides(4, 2, 'both_bad').outcome).toBe('both_bad');
  });

  it('numbers pairs densely and pairAt inverts pairIndex', () => {
    const p = 7;
    const seen: number[] = [];
    for (let a = 0; a < p; a += 1) {
      for (let b = a + 1; b < p; b += 1) {
        const index = pairIndex(a, b, p);
        seen.push(index);
        expect(pairAt(index, p)).toEqual({ a, b });
      }
    }
    expect(seen).toEqual(Array.from({ length: pairCount(p) }, (_, i) => i));
  });

  it('counts votes per model, zero for a model that never played', () => {
    const cells = aggregatePairVotes(
      [
        { a: 0, b: 1, outcome: 'a' },
        { a: 0, b: 2, outcome: 'tie' },
      ],
      4,
    );
    expect(modelVoteCounts(cells, 4)).toEqual([2, 1, 1, 0]);
  });
});
