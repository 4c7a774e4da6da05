import { favouritismTest, type FavouritismTest } from './favouritism';
import { outlierTest, type OutlierTest } from './outlier';
import { selectivityTest, type SelectivityTest } from './selectivity';
import type { FitRatings, IssuedBattle, ModelKey, ScreenedVote } from './votes';

export interface ScreeningOptions {
  /**
   * False-positive budget of the whole screen, split equally between the outlier, favouritism
   * and selectivity tests: by the union bound a voter is flagged with probability <= alpha if
   * they vote as the fit predicts (up to a taste within `tasteSpread`) and skip battles blind to
   * the models (up to `selectivityOdds`). The bound is loose: the simulation flags ~0.1% of its
   * honest voters at the default.
   */
  alpha: number;
  /** Voters with fewer votes (decisive or not) are not judged: too little to stand on. */
  minVotes: number;
  /**
   * Standard deviation (Elo) of ordinary voters' disagreement with the fit about one model. The
   * favouritism test flags a preference only when a voter of such taste would rarely show it:
   * real people have tastes, and a long enough record shows them.
   */
  tasteSpread: number;
  /**
   * How much likelier (odds ratio) an ordinary voter may be to vote when a given model is on
   * screen than when it is not, before the selectivity test counts it against them: skipping
   * every battle with one disliked model raises the others' odds up to ~3 on a small board.
   */
  selectivityOdds: number;
}

export const DEFAULT_SCREENING: ScreeningOptions = {
  alpha: 0.05,
  minVotes: 5,
  tasteSpread: 50,
  selectivityOdds: 4,
};

export interface VoterScreeningInput {
  /** Every vote of the voter, decisive or not, in the order cast. */
  votes: readonly ScreenedVote[];
  /** The published fit's ratings (Elo scale). */
  ratings: FitRatings;
  /** Battles issued to the voter, voted or not; without them selectivity is not tested. */
  battles?: readonly IssuedBattle[];
}

export type ScreeningReason =
  | { code: 'outlier'; logEValue: number }
  | { code: 'favours_model' | 'disfavours_model'; model: ModelKey; pValue: number }
  | { code: 'selective_voting'; model: ModelKey; pValue: number };

export type ScreeningReasonCode = ScreeningReason['code'];

export interface VoterScreening {
  flagged: boolean;
  /** Why, one entry per test (and model) that fired; empty when not flagged. */
  reasons: ScreeningReason[];
  statistics: {
    votes: number;
    /** The voter had enough votes to be judged. */
    judged: boolean;
    outlier: OutlierTest;
    favouritism: FavouritismTest;
    selectivity: SelectivityTest | null;
  };
}

/**
 * Screen one voter against the published fit. Statistics are computed whether or not the voter
 * has enough votes to be judged, so an operator sees how close an unjudged voter is.
 */
export function screenVoter(
  input: VoterScreeningInput,
  options: Partial<ScreeningOptions> = {},
): VoterScreening {
  const { alpha, minVotes, tasteSpread, selectivityOdds } = { ...DEFAULT_SCREENING, ...options };
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  const share = alpha / 3;
  const outlier = outlierTest(input.votes, input.ratings, share);
  const favouritism = favouritismTest(input.votes, input.ratings, share, tasteSpread);
  const selectivity = input.battles ? selectivityTest(input.battles, share, selectivityOdds) : null;
  const judged = input.votes.length >= minVotes;

  const reasons: ScreeningReason[] = [];
  if (judged) {
    if (outlier.crossed) reasons.push({ code: 'outlier', logEValue: outlier.maxLogEValue });
    for (const row of favouritism.favoured) {
      reasons.push({ code: 'favours_model', model: row.model, pValue: row.pValue });
    }
    for (const row of favouritism.disfavoured) {
      reasons.push({ code: 'disfavours_model', model: row.model, pValue: row.pValue });
    }
    for (const row of selectivity?.selective ?? []) {
      reasons.push({ code: 'selective_voting', model: row.model, pValue: row.pValue });
    }
  }
  return {
    flagged: reasons.length > 0,
    reasons,
    statistics: { votes: input.votes.length, judged, outlier, favouritism, selectivity },
  };
}
