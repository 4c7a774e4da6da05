import { expectedScore } from '../elo';
import type { PairOutcome } from './counts';
import { shuffleInPlace, type Rng } from './random';

export interface VoterModel {
  /** Chance of a tie or both-bad between evenly matched models; at most 0.5. Default 0.3. */
  maxDrawProbability: number;
  /** Share of those draws voted "both bad" rather than "tie". Default 0.3. */
  bothBadShare: number;
}

export const DEFAULT_VOTER: VoterModel = { maxDrawProbability: 0.3, bothBadShare: 0.3 };

/**
 * One simulated vote between models with true Elo ratings `ratingA` and `ratingB`.
 *
 * Draws (tie or both-bad) happen with probability maxDraw * 4 s (1 - s), s the Bradley-Terry
 * expected score: most likely for evenly matched models, rare for lopsided pairs. Wins are then
 * s - draw/2 and 1 - s - draw/2, so the expected score (win + half a draw) is exactly s. That
 * keeps the truth on the scale our half-win fit estimates; a Davidson-style tie model would
 * not (it compresses the half-win ratings) and coverage of "true strengths" would be
 * meaningless.
 */
export function simulateVote(
  ratingA: number,
  ratingB: number,
  voter: VoterModel,
  rng: Rng,
): PairOutcome {
  if (!(voter.maxDrawProbability >= 0 && voter.maxDrawProbability <= 0.5)) {
    throw new RangeError('maxDrawProbability must be in [0, 0.5] to keep win chances >= 0');
  }
  const s = expectedScore(ratingA, ratingB);
  const draw = voter.maxDrawProbability * 4 * s * (1 - s);
  const u = rng.nextFloat();
  if (u < s - draw / 2) return 'a';
  if (u < s + draw / 2) return rng.nextFloat() < voter.bothBadShare ? 'both_bad' : 'tie';
  return 'b';
}

/**
 * True ratings evenly spaced over `spread` Elo around 1000, in random order, so neighbours are
 * spread / (p - 1) apart: a ranking that can be recovered exactly, with gaps like a real arena's.
 */
export function spacedRatings(modelCount: number, spread: number, rng: Rng): number[] {
  const ratings = Array.from({ length: modelCount }, (_, k) =>
    modelCount > 1 ? 1000 - spread / 2 + (spread * k) / (modelCount - 1) : 1000,
  );
  return shuffleInPlace(ratings, rng);
}
