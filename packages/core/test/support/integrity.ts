import { expectedScore } from '../../src/elo';
import type { FitRatings, ScreenedVote } from '../../src/integrity';
import type { Rng } from '../../src/rating';

/** A board of five models 100 Elo apart. */
export const BOARD: FitRatings = new Map([
  ['a', 1200],
  ['b', 1100],
  ['c', 1000],
  ['d', 900],
  ['e', 800],
]);

/** A uniformly random pair of distinct models, sides at random. */
export function randomPair(ratings: FitRatings, rng: Rng): [string, string] {
  const keys = [...ratings.keys()];
  const left = rng.nextInt(keys.length);
  const right = (left + 1 + rng.nextInt(keys.length - 1)) % keys.length;
  return [keys[left] as string, keys[right] as string];
}

/** Decisive votes drawn exactly as the fit predicts. */
export function fitFollower(ratings: FitRatings, count: number, rng: Rng): ScreenedVote[] {
  return Array.from({ length: count }, () => {
    const [left, right] = randomPair(ratings, rng);
    const leftWins = rng.nextFloat() < expectedScore(ratings.get(left)!, ratings.get(right)!);
    return { left, right, outcome: leftWins ? 'left' : 'right' };
  });
}

/** Votes that always pick the lower-rated side: as far from the fit as a voter can be. */
export function contrarian(ratings: FitRatings, count: number, rng: Rng): ScreenedVote[] {
  return Array.from({ length: count }, () => {
    const [left, right] = randomPair(ratings, rng);
    const leftWeaker = ratings.get(left)! < ratings.get(right)!;
    return { left, right, outcome: leftWeaker ? 'left' : 'right' };
  });
}
