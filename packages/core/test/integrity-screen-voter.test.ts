import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCREENING,
  screenVoter,
  type IssuedBattle,
  type ScreenedVote,
} from '../src/integrity';
import { createRng } from '../src/rating';
import { BOARD, contrarian, fitFollower } from './support/integrity';

describe('screenVoter', () => {
  it('has documented defaults', () => {
    expect(DEFAULT_SCREENING).toEqual({
      alpha: 0.05,
      minVotes: 5,
      tasteSpread: 50,
      selectivityOdds: 4,
    });
  });

  it('passes a voter who follows the fit and skips at random', () => {
    const rng = createRng('honest');
    const votes = fitFollower(BOARD, 120, rng);
    const battles: IssuedBattle[] = votes.flatMap((vote) => [
      { left: vote.left, right: vote.right, voted: true },
      ...(rng.nextFloat() < 0.2 ? [{ left: vote.right, right: vote.left, voted: false }] : []),
    ]);
    const screening = screenVoter({ votes, ratings: BOARD, battles });
    expect(screening.flagged).toBe(false);
    expect(screening.reasons).toEqual([]);
    expect(screening.statistics.judged).toBe(true);
    expect(screening.statistics.selectivity?.voted).toBe(120);
  });

  it('gives one reason per test and model that fired', () => {
    // Votes only in battles with e, always for it: favoured, selective and an outlier.
    const votes: ScreenedVote[] = [];
    const battles: IssuedBattle[] = [];
    for (const other of ['a', 'b', 'c', 'd']) {
      for (let i = 0; i < 5; i += 1) {
        votes.push({ left: 'e', right: other, outcome: 'left' });
        battles.push({ left: 'e', right: other, voted: true });
        battles.push({ left: other, right: 'a' === other ? 'b' : 'a', voted: false });
      }
    }
    const screening = screenVoter({ votes, ratings: BOARD, battles });
    const codes = screening.reasons.map((reason) => reason.code);
    expect(screening.flagged).toBe(true);
    expect(codes).toContain('outlier');
    expect(screening.reasons).toContainEqual(
      expect.objectContaining({ code: 'favours_model', model: 'e' }),
    );
    expect(screening.reasons).toContainEqual(
      expect.objectContaining({ code: 'selective_voting', model: 'e' }),
    );
    expect(codes.filter((code) => code === 'outlier')).toHaveLength(1);
  });

  it('does not judge a voter below the minimum, but still reports the statistics', () => {
    const votes = contrarian(BOARD, 4, createRng('short'));
    const votesAgainst = new Array<ScreenedVote>(4).fill({
      left: 'e',
      right: 'a',
      outcome: 'left',
    });
    for (const record of [votes, votesAgainst]) {
      const screening = screenVoter({ votes: record, ratings: BOARD });
      expect(screening.flagged).toBe(false);
      expect(screening.statistics.judged).toBe(false);
      expect(screening.statistics.outlier.scoredVotes).toBe(4);
    }
    // Four wins of the weakest over the strongest are evidence enough once judged.
    expect(screenVoter({ votes: votesAgainst, ratings: BOARD }, { minVotes: 4 }).flagged).toBe(
      true,
    );
  });

  it('flags a demoter as disfavouring the model', () => {
    const votes: ScreenedVote[] = ['b', 'c', 'd', 'e', 'b', 'c', 'd', 'e', 'c', 'd'].map(
      (other) => ({ left: 'a', right: other, outcome: 'right' }),
    );
    const screening = screenVoter({ votes, ratings: BOARD });
    expect(screening.reasons).toContainEqual(
      expect.objectContaining({ code: 'disfavours_model', model: 'a' }),
    );
  });

  it('skips the selectivity test without battles, and refuses a meaningless alpha', () => {
    const votes = fitFollower(BOARD, 10, createRng('no battles'));
    expect(screenVoter({ votes, ratings: BOARD }).statistics.selectivity).toBeNull();
    expect(() => screenVoter({ votes, ratings: BOARD }, { alpha: 0 })).toThrow(RangeError);
    expect(() => screenVoter({ votes, ratings: BOARD }, { alpha: 1 })).toThrow(RangeError);
  });
});
