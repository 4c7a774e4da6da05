import { placeSides, sampleCumulativeIndex, type Rng } from '@arena/core';
import { pairKey } from './matchmaking-ratings';
import type { OpenAnswers, PairWeights, ScopeAnswers } from './open-answers';

export interface Pairing {
  challengeId: string;
  left: string;
  right: string;
}

export interface PairingInput {
  answers: OpenAnswers;
  scope: ScopeAnswers;
  weights: PairWeights;
  /** `challengeId|pairKey` of what this voter was already shown. */
  seen: ReadonlySet<string>;
  rng: Rng;
}

/** Pairs drawn before giving up on one this voter has not seen somewhere. */
const PAIR_DRAWS = 64;
/** Challenges drawn for a pair before listing its fresh ones outright. */
const CHALLENGE_DRAWS = 16;

/**
 * Picks the next battle: a pair by the core matchmaking (its weights made once per snapshot),
 * then a challenge both models answered, then the sides by a fair coin. The voter is not shown
 * a comparison (pair on a challenge) twice while others remain: a pair with nothing new for
 * this voter is drawn again, so the pair is drawn from the matchmaking distribution
 * conditioned on having something new. Each draw is O(log pairs) plus a few membership tests;
 * only a voter who has seen most of what a pair offers makes us list that pair's challenges.
 */
export function samplePairing(input: PairingInput): Pairing | null {
  const { scope, weights, rng } = input;
  if (scope.pairs.length === 0) return null;
  if (exhaustedScopes.get(input.seen)?.has(scope)) return repeat(input);
  const exhausted = new Set<number>();
  for (let draw = 0; draw < PAIR_DRAWS && exhausted.size < scope.pairs.length; draw += 1) {
    const index = sampleCumulativeIndex(weights.cumulative, rng);
    if (exhausted.has(index)) continue;
    const pair = scope.pairs[index]!;
    const challengeId = freshChallenge(input, pair.a, pair.b);
    if (challengeId) return place(challengeId, pair, rng);
    exhausted.add(index);
  }
  // The voter has seen most of what the draws offered: list what is left, outright.
  const left: number[] = [];
  const scores: number[] = [];
  let total = 0;
  scope.pairs.forEach((pair, index) => {
    if (exhausted.has(index) || !freshChallenge(input, pair.a, pair.b)) return;
    left.push(index);
    total += weights.cumulative[index]! - (index > 0 ? weights.cumulative[index - 1]! : 0);
    scores.push(total);
  });
  if (left.length > 0) {
    const pair = scope.pairs[left[sampleCumulativeIndex(scores, rng)]!]!;
    return place(freshChallenge(input, pair.a, pair.b)!, pair, rng);
  }
  // Seen everything there is: repeats are allowed again.
  const known = exhaustedScopes.get(input.seen) ?? new WeakSet<ScopeAnswers>();
  exhaustedScopes.set(input.seen, known.add(scope));
  return repeat(input);
}

/**
 * Seen sets known to hold every comparison a scope's answers offer. A voter's set only grows
 * (seen-comparisons.ts replaces it rather than shrink it) and rebuilt answers are new objects,
 * so the mark stays true for as long as both objects live: a heavy voter who has seen all of
 * a small catalog skips the search on every later battle, which would test each pair's
 * challenges again.
 */
const exhaustedScopes = new WeakMap<ReadonlySet<string>, WeakSet<ScopeAnswers>>();

/** Any pair by the matchmaking weights, on any challenge both answered: a repeat. */
function repeat(input: PairingInput): Pairing {
  const { scope, weights, rng } = input;
  const pair = scope.pairs[sampleCumulativeIndex(weights.cumulative, rng)]!;
  return place(anyChallenge(input, pair.a, pair.b), pair, rng);
}

function place(challengeId: string, pair: { a: string; b: string }, rng: Rng): Pairing {
  const sides = placeSides({ a: 0, b: 1 }, rng);
  const ids = [pair.a, pair.b];
  return { challengeId, left: ids[sides.left]!, right: ids[sides.right]! };
}

/** Both models answered it (in this scope). */
const bothAnswered = (input: PairingInput, challengeId: string, other: string) =>
  input.answers.challenges.get(challengeId)!.attempts.has(other);

/** The shorter of the two models' challenge lists, and the other model. */
function shorterList(input: PairingInput, a: string, b: string): [string[], string] {
  const ofA = input.scope.challengesOf.get(a)!;
  const ofB = input.scope.challengesOf.get(b)!;
  return ofA.length <= ofB.length ? [ofA, b] : [ofB, a];
}

/**
 * A challenge both answered that the voter has not seen this pair on, uniformly among those;
 * null if there is none. Drawn from the shorter list and kept if it qualifies: uniform over
 * the qualifying ones, and a draw or two when (as usual) every model answers every challenge.
 */
function freshChallenge(input: PairingInput, a: string, b: string): string | null {
  const [list, other] = shorterList(input, a, b);
  const key = pairKey(a, b);
  const fresh = (challengeId: string) =>
    bothAnswered(input, challengeId, other) && !input.seen.has(`${challengeId}|${key}`);
  for (let draw = 0; draw < CHALLENGE_DRAWS; draw += 1) {
    const challengeId = list[input.rng.nextInt(list.length)]!;
    if (fresh(challengeId)) return challengeId;
  }
  const all = list.filter(fresh);
  return all.length > 0 ? all[input.rng.nextInt(all.length)]! : null;
}

/** A challenge both answered, seen or not, uniformly among those. */
function anyChallenge(input: PairingInput, a: string, b: string): string {
  const [list, other] = shorterList(input, a, b);
  for (let draw = 0; draw < CHALLENGE_DRAWS; draw += 1) {
    const challengeId = list[input.rng.nextInt(list.length)]!;
    if (bothAnswered(input, challengeId, other)) return challengeId;
  }
  const all = list.filter((challengeId) => bothAnswered(input, challengeId, other));
  return all[input.rng.nextInt(all.length)]!;
}
