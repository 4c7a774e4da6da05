import { leftScore, type VoteOutcome } from './outcomes';

/** Elo scale: 400 points of difference mean 10:1 odds. */
export const ELO_SCALE = 400;
export const ELO_INITIAL_RATING = 1000;

/** Probability that a player rated `rating` beats one rated `opponent`. */
export function expectedScore(rating: number, opponent: number): number {
  return 1 / (1 + 10 ** ((opponent - rating) / ELO_SCALE));
}

export interface EloChange {
  left: number;
  right: number;
}

/**
 * One online Elo step. The two changes are exact negatives of each other, so the sum of
 * all ratings in a scope stays constant however many votes arrive.
 */
export function eloChange(
  leftRating: number,
  rightRating: number,
  outcome: VoteOutcome,
  k: number,
): EloChange {
  const delta = k * (leftScore(outcome) - expectedScore(leftRating, rightRating));
  return { left: delta, right: -delta };
}
