import {
  DEFAULT_RIDGE,
  ELO_INITIAL_RATING,
  pairScore,
  unobservedHalfWidth,
  type MatchmakingModel,
} from '@arena/core';
import { pairKey, type ScopeRatings } from './matchmaking-ratings';
import type { PairWeights, ScopeAnswers } from './open-answers';

/**
 * Models with fewer votes than this count as new and get the matchmaking boost; the same
 * threshold as the simulation that tuned the matchmaking (runSimulation's newModelVotes).
 */
export const NEW_MODEL_VOTES = 20;

const UNKNOWN: MatchmakingModel = {
  rating: ELO_INITIAL_RATING,
  se: unobservedHalfWidth(DEFAULT_RIDGE, 1),
  votes: 0,
  isNew: true,
};

/**
 * The core matchmaking's score of every pair that can be shown in the scope (how much one
 * more vote on it would tell us about the ranking, new models boosted), as running sums:
 * computed once per (open answers, published snapshot), then each battle draws a pair in
 * O(log pairs).
 */
export function pairWeights(scope: ScopeAnswers, ratings: ScopeRatings): PairWeights {
  const key = ratings.snapshotId ?? 'none';
  const cached = scope.weights.get(key);
  if (cached) return cached;
  const known = (id: string): MatchmakingModel => {
    const rating = ratings.models.get(id);
    return rating ? { ...rating, isNew: rating.votes < NEW_MODEL_VOTES } : UNKNOWN;
  };
  const cumulative = new Float64Array(scope.pairs.length);
  let total = 0;
  scope.pairs.forEach(({ a, b }, i) => {
    total += pairScore(known(a), known(b), ratings.pairVotes.get(pairKey(a, b)) ?? 0);
    cumulative[i] = total;
  });
  const weights = { cumulative };
  // One snapshot at a time is in use; an older one is not asked for again.
  scope.weights.clear();
  scope.weights.set(key, weights);
  return weights;
}
