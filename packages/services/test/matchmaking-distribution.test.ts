import {
  createRng,
  DEFAULT_RIDGE,
  ELO_INITIAL_RATING,
  pairScore,
  OVERALL_SCOPE,
  unobservedHalfWidth,
  type MatchmakingModel,
} from '@arena/core';
import { describe, expect, it } from 'vitest';
import { pairKey, type ScopeRatings } from '../src/battles/matchmaking-ratings';
import { indexOpenAnswers, type OpenAnswerRow } from '../src/battles/open-answers';
import { NEW_MODEL_VOTES, pairWeights } from '../src/battles/pair-weights';
import { samplePairing } from '../src/battles/sample-pairing';

const EXPLORATION = 0.1;
const MODELS = ['m-a', 'm-b', 'm-c', 'm-d', 'm-e'];
/** Four challenges answered by every model, a fifth by three of them, three attempts each. */
const CHALLENGES: Record<string, string[]> = {
  'c-1': MODELS,
  'c-2': MODELS,
  'c-3': MODELS,
  'c-4': MODELS,
  'c-5': ['m-a', 'm-b', 'm-e'],
};

function answers() {
  const rows: OpenAnswerRow[] = Object.entries(CHALLENGES).flatMap(([challengeId, models]) =>
    models.flatMap((modelId) =>
      [1, 2, 3].map((attempt) => ({
        id: `${challengeId}/${modelId}/${attempt}`,
        challengeId,
        modelId,
        categoryId: 'cat',
      })),
    ),
  );
  return indexOpenAnswers(rows, [{ id: 'cat', slug: 'cat' }], 'v1');
}

/** A published board: m-e is new (few votes), m-b and m-c are close, one pair has few votes. */
const RATINGS: ScopeRatings = {
  snapshotId: 'snapshot-1',
  models: new Map([
    ['m-a', { rating: 1150, se: 20, votes: 400 }],
    ['m-b', { rating: 1040, se: 18, votes: 420 }],
    ['m-c', { rating: 1030, se: 18, votes: 410 }],
    ['m-d', { rating: 860, se: 25, votes: 380 }],
    ['m-e', { rating: 1000, se: 120, votes: 6 }],
  ]),
  pairVotes: new Map([
    [pairKey('m-a', 'm-b'), 100],
    [pairKey('m-b', 'm-c'), 4],
    [pairKey('m-c', 'm-d'), 90],
    [pairKey('m-a', 'm-d'), 80],
  ]),
};

/**
 * The matchmaking distribution as the core defines it (and as battle issue drew it when it
 * scored every pair on every request): each pair's score normalised, mixed with a uniform 10%.
 */
function referenceShares(pairs: ReadonlyArray<{ a: string; b: string }>): Map<string, number> {
  const unknown: MatchmakingModel = {
    rating: ELO_INITIAL_RATING,
    se: unobservedHalfWidth(DEFAULT_RIDGE, 1),
    votes: 0,
    isNew: true,
  };
  const model = (id: string): MatchmakingModel => {
    const rating = RATINGS.models.get(id);
    return rating ? { ...rating, isNew: rating.votes < NEW_MODEL_VOTES } : unknown;
  };
  const scores = pairs.map(({ a, b }) =>
    pairScore(model(a), model(b), RATINGS.pairVotes.get(pairKey(a, b)) ?? 0),
  );
  const total = scores.reduce((sum, score) => sum + score, 0);
  return new Map(
    pairs.map(({ a, b }, i) => [
      pairKey(a, b),
      (1 - EXPLORATION) * (scores[i]! / total) + EXPLORATION / pairs.length,
    ]),
  );
}

/** Each count within 4.5 standard deviations of its expectation. */
function expectShares(counts: Map<string, number>, shares: Map<string, number>, draws: number) {
  for (const [key, share] of shares) {
    const count = counts.get(key) ?? 0;
    const sd = Math.sqrt(draws * share * (1 - share));
    expect(Math.abs(count - draws * share), `${key}: ${count} of ${draws}`).toBeLessThanOrEqual(
      4.5 * sd + 1,
    );
  }
}

describe('battle matchmaking from the kept index', () => {
  const index = answers();
  const scope = index.scopes.get(OVERALL_SCOPE)!;
  const weights = pairWeights(scope, RATINGS);
  const draw = (seen: ReadonlySet<string>, rng: ReturnType<typeof createRng>) =>
    samplePairing({ answers: index, scope, weights, seen, rng })!;

  it('indexes the pairs that share a challenge, and the category scope alike', () => {
    expect(scope.pairs).toHaveLength(10);
    expect(scope.challengesOf.get('m-e')).toEqual(['c-1', 'c-2', 'c-3', 'c-4', 'c-5']);
    expect(scope.challengesOf.get('m-c')).toEqual(['c-1', 'c-2', 'c-3', 'c-4']);
    expect(index.scopes.get('cat')!.pairs).toEqual(scope.pairs);
    expect(index.challenges.get('c-5')!.attempts.get('m-b')).toEqual([
      'c-5/m-b/1',
      'c-5/m-b/2',
      'c-5/m-b/3',
    ]);
  });

  it('draws pairs with the core matchmaking distribution, challenges uniformly, sides fairly', () => {
    const rng = createRng('distribution');
    const draws = 60_000;
    const pairs = new Map<string, number>();
    const challenges = new Map<string, number>();
    let leftFirst = 0;
    for (let i = 0; i < draws; i += 1) {
      const pairing = draw(new Set(), rng);
      const key = pairKey(pairing.left, pairing.right);
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
      if (pairing.left < pairing.right) leftFirst += 1;
      if (key === pairKey('m-a', 'm-e')) {
        challenges.set(pairing.challengeId, (challenges.get(pairing.challengeId) ?? 0) + 1);
      }
    }
    expectShares(pairs, referenceShares(scope.pairs), draws);
    // m-a v m-e meet on all five challenges: a fifth each.
    const onAE = [...challenges.values()].reduce((sum, n) => sum + n, 0);
    expectShares(challenges, new Map(Object.keys(CHALLENGES).map((c) => [c, 1 / 5])), onAE);
    expect(Math.abs(leftFirst - draws / 2)).toBeLessThanOrEqual(4.5 * Math.sqrt(draws / 4));
  });

  it('avoids what the voter has seen while anything else remains, then allows repeats', () => {
    const rng = createRng('seen');
    // Seen: m-b v m-c, the favourite pair, on all four of its challenges; m-a v m-e on four of five.
    const seen = new Set([
      ...['c-1', 'c-2', 'c-3', 'c-4'].map((c) => `${c}|${pairKey('m-b', 'm-c')}`),
      ...['c-1', 'c-2', 'c-3', 'c-4'].map((c) => `${c}|${pairKey('m-a', 'm-e')}`),
    ]);
    const draws = 20_000;
    const pairs = new Map<string, number>();
    for (let i = 0; i < draws; i += 1) {
      const pairing = draw(seen, rng);
      const key = pairKey(pairing.left, pairing.right);
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
      if (key === pairKey('m-a', 'm-e')) expect(pairing.challengeId).toBe('c-5');
    }
    expect(pairs.get(pairKey('m-b', 'm-c'))).toBeUndefined();
    // The rest keep the reference distribution, renormalised without the exhausted pair.
    const reference = referenceShares(scope.pairs);
    reference.delete(pairKey('m-b', 'm-c'));
    const rest = [...reference.values()].reduce((sum, share) => sum + share, 0);
    expectShares(pairs, new Map([...reference].map(([key, share]) => [key, share / rest])), draws);

    // Everything seen: a battle is still issued.
    const all = new Set(
      scope.pairs.flatMap(({ a, b }) =>
        Object.keys(CHALLENGES).map((c) => `${c}|${pairKey(a, b)}`),
      ),
    );
    expect(draw(all, rng)).not.toBeNull();
  });

  it('gives a voter who has seen everything repeats by the matchmaking distribution, until new answers', () => {
    const rng = createRng('exhausted');
    const all = new Set(
      scope.pairs.flatMap(({ a, b }) =>
        Object.keys(CHALLENGES).map((c) => `${c}|${pairKey(a, b)}`),
      ),
    );
    const draws = 20_000;
    const pairs = new Map<string, number>();
    let unanswered = 0;
    for (let i = 0; i < draws; i += 1) {
      const pairing = draw(all, rng);
      const key = pairKey(pairing.left, pairing.right);
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
      const answered = CHALLENGES[pairing.challengeId]!;
      if (!answered.includes(pairing.left) || !answered.includes(pairing.right)) unanswered += 1;
    }
    expect(unanswered).toBe(0);
    expectShares(pairs, referenceShares(scope.pairs), draws);

    // The same seen set against a rebuilt index with a new challenge m-a and m-b answered:
    // its comparison is the only fresh one, and it is found.
    const rows: OpenAnswerRow[] = ['m-a', 'm-b'].map((modelId) => ({
      id: `c-6/${modelId}/1`,
      challengeId: 'c-6',
      modelId,
      categoryId: 'cat',
    }));
    const base = answers();
    const rebuilt = indexOpenAnswers(
      [
        ...[...base.challenges].flatMap(([challengeId, { attempts }]) =>
          [...attempts].flatMap(([modelId, ids]) =>
            ids.map((id) => ({ id, challengeId, modelId, categoryId: 'cat' })),
          ),
        ),
        ...rows,
      ],
      [{ id: 'cat', slug: 'cat' }],
      'v2',
    );
    const newScope = rebuilt.scopes.get(OVERALL_SCOPE)!;
    const pairing = samplePairing({
      answers: rebuilt,
      scope: newScope,
      weights: pairWeights(newScope, RATINGS),
      seen: all,
      rng,
    })!;
    expect(pairing.challengeId).toBe('c-6');
    expect(pairKey(pairing.left, pairing.right)).toBe(pairKey('m-a', 'm-b'));
  });
});
