import { describe, expect, it } from 'vitest';
import {
  createRng,
  ELO_PER_NAT,
  pairCount,
  pairIndex,
  pairProbabilities,
  pairScores,
  pickPair,
  placeSides,
  positionBias,
  type MatchmakingModel,
  type MatchmakingState,
} from '../src/rating';

/** A model whose vote count is consistent with its se (4 / votes = se^2 in log units). */
const settled = (rating: number, se = 10): MatchmakingModel => ({
  rating,
  se,
  votes: Math.floor(4 * (ELO_PER_NAT / se) ** 2),
  isNew: false,
});

/** Few direct votes per pair by default, so the standard errors, not the pair counts, bind. */
function stateOf(
  models: MatchmakingModel[],
  votesPerPair = 10,
): MatchmakingState & { pairVotes: Float64Array } {
  return { models, pairVotes: new Float64Array(pairCount(models.length)).fill(votesPerPair) };
}

describe('pairProbabilities and pickPair', () => {
  it('keeps every pair in play, even with one overwhelmingly informative pair', () => {
    const models = [
      { rating: 1000, se: 400, votes: 0, isNew: true },
      { rating: 1000, se: 400, votes: 0, isNew: true },
      ...Array.from({ length: 8 }, (_, i) => settled(700 + 80 * i, 5)),
    ];
    const state = stateOf(models);
    state.pairVotes[pairIndex(0, 1, 10)] = 0;
    const probabilities = pairProbabilities(state);
    expect(probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    // The exploration floor: 10% spread over 45 pairs.
    for (const p of probabilities) expect(p).toBeGreaterThanOrEqual(0.1 / 45 - 1e-15);
    expect(probabilities[pairIndex(0, 1, 10)]).toBeGreaterThan(0.3);

    const rng = createRng('every pair');
    const picked = new Array<number>(45).fill(0);
    let canonical = true;
    for (let draw = 0; draw < 20_000; draw += 1) {
      const { a, b } = pickPair(state, rng);
      canonical &&= a < b;
      picked[pairIndex(a, b, 10)]! += 1;
    }
    expect(canonical).toBe(true);
    // Each pair expects at least 20,000 * 0.1 / 45 = 44 draws.
    expect(Math.min(...picked)).toBeGreaterThan(10);
  });

  it('prefers close pairs to lopsided ones', () => {
    const state = stateOf([settled(1000, 30), settled(1010, 30), settled(1400, 30)]);
    const p = pairProbabilities(state);
    expect(p[pairIndex(0, 1, 3)]).toBeGreaterThan(3 * p[pairIndex(0, 2, 3)]!);
  });

  it('prefers uncertain models, new models, and pairs with few direct votes', () => {
    const wide = pairScores(stateOf([settled(1000, 60), settled(1000, 60), settled(1000, 20)]));
    expect(wide[pairIndex(0, 1, 3)]).toBeGreaterThan(wide[pairIndex(0, 2, 3)]!);

    const fresh = pairScores(
      stateOf([{ ...settled(1000, 30), isNew: true }, settled(1000, 30), settled(1000, 30)]),
    );
    expect(fresh[pairIndex(0, 1, 3)]).toBeGreaterThan(fresh[pairIndex(1, 2, 3)]!);

    const state = stateOf([settled(1000, 40), settled(1000, 40), settled(1000, 40)], 2000);
    state.pairVotes[pairIndex(0, 2, 3)] = 5;
    const scores = pairScores(state);
    expect(scores[pairIndex(0, 2, 3)]).toBeGreaterThan(scores[pairIndex(0, 1, 3)]!);
  });

  it('prefers pairs whose order is still in doubt over equally close, settled ones', () => {
    // Same rating gap, but the first pair's ratings are far less certain.
    const scores = pairScores(
      stateOf([settled(1000, 40), settled(1050, 40), settled(1200, 3), settled(1250, 3)]),
    );
    expect(scores[pairIndex(0, 1, 4)]).toBeGreaterThan(10 * scores[pairIndex(2, 3, 4)]!);
  });

  it('does not trust a stale se once a model has collected votes', () => {
    // Fitted when it had no votes (huge se), but it has played 400 games since.
    const stale = { rating: 1000, se: 5000, votes: 400, isNew: false };
    const fresh = pairScores(stateOf([stale, settled(1000, 30), settled(1000, 30)], 0));
    const unplayed = pairScores(
      stateOf([{ ...stale, votes: 0 }, settled(1000, 30), settled(1000, 30)], 0),
    );
    expect(unplayed[pairIndex(0, 1, 3)]! / unplayed[pairIndex(1, 2, 3)]!).toBeGreaterThan(100);
    expect(fresh[pairIndex(0, 1, 3)]! / fresh[pairIndex(1, 2, 3)]!).toBeLessThan(3);
  });

  it('falls back to uniform pairing when nothing is known', () => {
    const blank = { rating: 1000, se: 0, votes: 0, isNew: false };
    const p = pairProbabilities(stateOf([blank, blank, blank], 0));
    expect([...p]).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it('is reproducible from the seed', () => {
    const state = stateOf(Array.from({ length: 6 }, (_, i) => settled(900 + 40 * i, 25)));
    const run = () => {
      const rng = createRng(9);
      return Array.from({ length: 50 }, () => pickPair(state, rng));
    };
    expect(run()).toEqual(run());
  });
});

describe('placeSides', () => {
  it('puts each model on the left about half the time', () => {
    const rng = createRng('sides');
    let aLeft = 0;
    const n = 20_000;
    let both = true;
    for (let i = 0; i < n; i += 1) {
      const { left, right } = placeSides({ a: 3, b: 8 }, rng);
      both &&= left + right === 11 && (left === 3 || left === 8);
      if (left === 3) aLeft += 1;
    }
    expect(both).toBe(true);
    // sd of the share is 0.0035; 5 sd.
    expect(Math.abs(aLeft / n - 0.5)).toBeLessThan(0.018);
  });
});

describe('positionBias', () => {
  it('finds no bias in balanced counts and flags a clear preference', () => {
    const balanced = positionBias({ leftWins: 5020, rightWins: 4980 });
    expect(balanced.biased).toBe(false);
    expect(balanced.low).toBeLessThan(0.5);
    expect(balanced.high).toBeGreaterThan(0.5);

    const leftLeaning = positionBias({ leftWins: 5400, rightWins: 4600 });
    expect(leftLeaning.biased).toBe(true);
    expect(leftLeaning.leftShare).toBeCloseTo(0.54, 12);
    expect(leftLeaning.low).toBeGreaterThan(0.5);
  });

  it('matches the Wilson interval and stays inside [0, 1]', () => {
    // Wilson 95% interval for 8 of 10: 0.4902 to 0.9433.
    const small = positionBias({ leftWins: 8, rightWins: 2 });
    expect(small.low).toBeCloseTo(0.4902, 3);
    expect(small.high).toBeCloseTo(0.9433, 3);
    expect(small.biased).toBe(false);
    const extreme = positionBias({ leftWins: 0, rightWins: 50 });
    expect(extreme.low).toBe(0);
    expect(extreme.biased).toBe(true);
    expect(positionBias({ leftWins: 0, rightWins: 0 })).toMatchObject({
      decisive: 0,
      biased: false,
    });
  });
});
