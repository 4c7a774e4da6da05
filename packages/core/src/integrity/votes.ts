import { ELO_SCALE } from '../elo';
import type { VoteOutcome } from '../outcomes';

/** Models are named by their keys (slugs), as on the published leaderboard. */
export type ModelKey = string;

/** One vote of the voter being screened, in screen-side terms. */
export interface ScreenedVote {
  left: ModelKey;
  right: ModelKey;
  outcome: VoteOutcome;
}

/** A battle issued to the voter, whether or not the voter went on to vote in it. */
export interface IssuedBattle {
  left: ModelKey;
  right: ModelKey;
  voted: boolean;
}

/** Elo ratings of the published fit; a model missing from it cannot be judged against it. */
export type FitRatings = ReadonlyMap<ModelKey, number>;

/** A decisive vote between two rated models, with what the fit expected of it. */
export interface RatedDecision {
  winner: ModelKey;
  loser: ModelKey;
  winnerRating: number;
  loserRating: number;
  /** ln of the fit's probability that `winner` beats `loser`. */
  logProbability: number;
}

/** ln(1 + e^x) without overflow for large x or lost precision for very negative x. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * ln of `expectedScore(winner, loser)`, computed in logs so that a win against odds of 1e-300
 * stays a finite (huge) piece of evidence instead of a division by zero.
 */
export function logWinProbability(winnerRating: number, loserRating: number): number {
  return -softplus(((loserRating - winnerRating) * Math.LN10) / ELO_SCALE);
}

/**
 * The votes every rating-based test reads, in the order given: ties and both-bad say nothing
 * about which side the voter prefers, and a vote involving a model the fit does not rate (new,
 * or from another scope) has no expected outcome to compare with.
 */
export function ratedDecisions(
  votes: readonly ScreenedVote[],
  ratings: FitRatings,
): RatedDecision[] {
  const decisions: RatedDecision[] = [];
  for (const vote of votes) {
    if (vote.outcome !== 'left' && vote.outcome !== 'right') continue;
    const winner = vote.outcome === 'left' ? vote.left : vote.right;
    const loser = vote.outcome === 'left' ? vote.right : vote.left;
    const winnerRating = ratings.get(winner);
    const loserRating = ratings.get(loser);
    if (winnerRating === undefined || loserRating === undefined) continue;
    decisions.push({
      winner,
      loser,
      winnerRating,
      loserRating,
      logProbability: logWinProbability(winnerRating, loserRating),
    });
  }
  return decisions;
}
