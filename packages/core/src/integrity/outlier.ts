import { ratedDecisions, type FitRatings, type ScreenedVote } from './votes';

/**
 * The outlier test, in the e-value form LMArena publishes for screening its voters: does this
 * voter's record fit the leaderboard so badly that an honest voter would almost never produce
 * it?
 *
 * For each decisive vote, p is the fit's probability (Bradley-Terry on the Elo scale,
 * `expectedScore`) of the model the voter picked, and the vote's factor is 1 / (2p). A voter
 * who votes as the fit predicts picks the winner with probability p, so the factor's
 * expectation is p / (2p) + (1 - p) / (2(1 - p)) = 1 whatever the pair. The product of the
 * factors over the record (the e-value) is then a non-negative martingale with expectation 1,
 * and by Ville's inequality the chance that it EVER reaches 1 / alpha, at any point of a
 * record of any length, is at most alpha. So a voter may be screened after every vote without
 * the repeated looks inflating the false-positive rate. Ties and both-bad votes carry a factor
 * of 1 (no preference to score), as does any vote with a model the fit does not rate.
 *
 * Where draws take probability evenly from both sides (our simulated voters), the decisive
 * winner is a little more predictable than p and the factor's expectation drops below 1, which
 * only makes the test more conservative. Real voters' tastes move it either way pair by pair;
 * the simulation measures the net effect.
 *
 * Products of many factors underflow or overflow, so everything is in logs: each vote adds
 * -ln(2p). The statistic is the running maximum of that sum: the record's votes must be given
 * in the order they were cast.
 */
export interface OutlierTest {
  /** Decisive votes between two rated models: the ones that carry a factor. */
  scoredVotes: number;
  /** ln of the e-value after the last vote. */
  logEValue: number;
  /** Highest ln e-value at any point of the record: the statistic Ville's inequality bounds. */
  maxLogEValue: number;
  /** ln(1 / alpha). */
  threshold: number;
  /** The running e-value reached 1 / alpha. */
  crossed: boolean;
}

export function outlierTest(
  votes: readonly ScreenedVote[],
  ratings: FitRatings,
  alpha: number,
): OutlierTest {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  const threshold = -Math.log(alpha);
  const decisions = ratedDecisions(votes, ratings);
  let logEValue = 0;
  let maxLogEValue = 0;
  for (const decision of decisions) {
    logEValue += -Math.LN2 - decision.logProbability;
    maxLogEValue = Math.max(maxLogEValue, logEValue);
  }
  return {
    scoredVotes: decisions.length,
    logEValue,
    maxLogEValue,
    threshold,
    crossed: maxLogEValue >= threshold,
  };
}
