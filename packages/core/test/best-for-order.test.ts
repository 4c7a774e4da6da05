import { describe, expect, it } from 'vitest';
import {
  compareBestFor,
  computeLeaderboards,
  type BestForStanding,
  type ComputedLeaderboard,
  type SideCounts,
} from '../src';

const cell = (
  category: string,
  left: string,
  right: string,
  leftWins: number,
  rightWins: number,
): SideCounts => ({
  arena: 'text-to-image',
  category,
  challenge: null,
  left,
  right,
  leftWins,
  rightWins,
  ties: 0,
  bothBad: 0,
});

/** A model's standing in one category board, as the best-for endpoint builds it. */
function standing(board: ComputedLeaderboard, model: string): BestForStanding {
  const row = board.rows.find((candidate) => candidate.model === model)!;
  return {
    arena: 'text-to-image',
    category: { id: board.category!, slug: board.category!, name: board.category! },
    rank: row.rank,
    of: board.rows.length,
    rating: row.rating,
    ciLow: row.low,
    ciHigh: row.high,
    provisional: row.provisional,
    games: row.votes,
    winRate: row.votes > 0 ? row.wins / row.votes : null,
  };
}

describe('best-for order', () => {
  // "logos": a clear lead built on 120 votes. "fantasy": one lucky win, a perfect win rate.
  const boards = computeLeaderboards(
    [
      cell('logos', 'star', 'rival', 48, 12),
      cell('logos', 'star', 'third', 45, 15),
      cell('logos', 'rival', 'third', 30, 30),
      cell('fantasy', 'star', 'rival', 1, 0),
      cell('fantasy', 'third', 'rival', 0, 1),
    ],
    { rounds: 100, provisionalVotes: 200 },
  ).filter((board) => board.category !== null);
  const of = (category: string) => boards.find((board) => board.category === category)!;

  it('puts a lead built on many votes before one lucky vote at the same rank', () => {
    const logos = standing(of('logos'), 'star');
    const fantasy = standing(of('fantasy'), 'star');
    // The premise: the same shared rank, the same field, and a better win rate on one vote.
    expect([logos.rank, fantasy.rank]).toEqual([1, 1]);
    expect(logos.of).toBe(fantasy.of);
    expect(fantasy.winRate).toBe(1);
    expect(fantasy.winRate!).toBeGreaterThan(logos.winRate!);
    expect(fantasy.ciLow).toBeLessThan(logos.ciLow);

    expect([fantasy, logos].sort(compareBestFor).map((s) => s.category.slug)).toEqual([
      'logos',
      'fantasy',
    ]);
  });

  it('puts established standings before provisional ones, then the better rank', () => {
    const base = standing(of('logos'), 'star');
    const provisionalFirst = { ...base, category: { ...base.category, slug: 'a' }, rank: 1 };
    const establishedThird = {
      ...base,
      category: { ...base.category, slug: 'b' },
      rank: 3,
      provisional: false,
    };
    const establishedSecond = {
      ...establishedThird,
      category: { ...base.category, slug: 'c' },
      rank: 2,
    };
    expect(
      [provisionalFirst, establishedThird, establishedSecond]
        .sort(compareBestFor)
        .map((s) => s.category.slug),
    ).toEqual(['c', 'b', 'a']);
  });
});
