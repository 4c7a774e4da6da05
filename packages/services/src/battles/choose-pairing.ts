import {
  DEFAULT_RIDGE,
  ELO_INITIAL_RATING,
  pairScore,
  placeSides,
  samplePairIndex,
  unobservedHalfWidth,
  type MatchmakingModel,
  type Rng,
} from '@arena/core';
import { pairKey, type ScopeRatings } from './matchmaking-ratings';

/**
 * Models with fewer votes than this count as new and get the matchmaking boost; the same
 * threshold as the simulation that tuned the matchmaking (runSimulation's newModelVotes).
 */
export const NEW_MODEL_VOTES = 20;

export interface Pairing {
  challengeId: string;
  left: string;
  right: string;
}

export interface PairingInput {
  /** Open challenges and the models that answered each. */
  answered: Map<string, readonly string[]>;
  /** `challengeId|pairKey` of what this voter was already shown. */
  seen: ReadonlySet<string>;
  ratings: ScopeRatings;
  rng: Rng;
}

const UNKNOWN: MatchmakingModel = {
  rating: ELO_INITIAL_RATING,
  se: unobservedHalfWidth(DEFAULT_RIDGE, 1),
  votes: 0,
  isNew: true,
};

/**
 * Picks the next battle: the pair by the core matchmaking (how much one more vote on it would
 * tell us about the ranking, with a uniform exploration floor so every pair keeps being
 * sampled, and new models boosted), then a challenge both models answered, then the sides by
 * a fair coin. Pairs are drawn among those this voter has not yet seen on some challenge, so
 * nobody is shown the same comparison twice while others remain.
 */
export function choosePairing(input: PairingInput): Pairing | null {
  const candidates = new Map<string, { a: string; b: string; fresh: string[]; all: string[] }>();
  for (const [challengeId, models] of input.answered) {
    for (let i = 0; i < models.length; i += 1) {
      for (let j = i + 1; j < models.length; j += 1) {
        const [a, b] = [models[i]!, models[j]!].sort();
        const key = pairKey(a!, b!);
        let candidate = candidates.get(key);
        if (!candidate) {
          candidate = { a: a!, b: b!, fresh: [], all: [] };
          candidates.set(key, candidate);
        }
        candidate.all.push(challengeId);
        if (!input.seen.has(`${challengeId}|${key}`)) candidate.fresh.push(challengeId);
      }
    }
  }
  let pool = [...candidates.entries()].filter(([, candidate]) => candidate.fresh.length > 0);
  const fresh = pool.length > 0;
  if (!fresh) pool = [...candidates.entries()];
  if (pool.length === 0) return null;
  // A stable order, so that a seeded generator gives a reproducible choice.
  pool.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));

  const known = (id: string): MatchmakingModel => {
    const rating = input.ratings.models.get(id);
    return rating ? { ...rating, isNew: rating.votes < NEW_MODEL_VOTES } : UNKNOWN;
  };
  const scores = pool.map(([key, { a, b }]) =>
    pairScore(known(a), known(b), input.ratings.pairVotes.get(key) ?? 0),
  );
  const total = scores.reduce((sum, score) => sum + score, 0);
  const [, chosen] = pool[samplePairIndex(scores, total, input.rng)]!;
  const challenges = fresh ? chosen.fresh : chosen.all;
  const challengeId = challenges[input.rng.nextInt(challenges.length)]!;
  const sides = placeSides({ a: 0, b: 1 }, input.rng);
  const ids = [chosen.a, chosen.b];
  return { challengeId, left: ids[sides.left]!, right: ids[sides.right]! };
}
