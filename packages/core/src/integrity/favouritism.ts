import { ELO_SCALE } from '../elo';
import { poissonBinomial, tails, taroneThreshold } from './exact-tests';
import { tasteNodes, type TasteNode } from './taste';
import { ratedDecisions, type FitRatings, type ModelKey, type ScreenedVote } from './votes';

/** How one model fared in the voter's decisive votes, against what the fit expected. */
export interface ModelFavour {
  model: ModelKey;
  /** Decisive votes with this model against a rated opponent. */
  votes: number;
  wins: number;
  /** Sum of the fit's win probabilities p over those votes. */
  expectedWins: number;
  /** (wins - sum p) / sqrt(sum p(1 - p)): for reading only, the decision uses the exact test. */
  z: number;
  /** Exact two-sided p-value of the win count, for a voter of ordinary taste. */
  pValue: number;
}

export interface FavouritismTest {
  /** Every model the voter saw in a rated decisive vote. */
  models: ModelFavour[];
  /** Per-model level after Tarone's correction over the models. */
  threshold: number;
  /** Models won far more often than the fit expects. */
  favoured: ModelFavour[];
  /** Models lost far more often than the fit expects. */
  disfavoured: ModelFavour[];
}

/** One model's decisive votes: its rating in the fit, the opponents' ratings, who won. */
interface Games {
  rating: number;
  opponents: number[];
  wins: number;
}

/**
 * Does the voter pick one model (or refuse it) far beyond its expected win rate? A promoter who
 * votes honestly except for one model has an unremarkable record overall, but that model's row
 * stands out. Each model is tested with the exact distribution of its win count (a Poisson
 * binomial), not a normal approximation: three wins out of three in even matches is p = 0.25,
 * not z = 1.7. The family-wise error over the models is kept at alpha by Tarone's correction
 * (see `taroneThreshold`).
 *
 * The null hypothesis allows for taste: the voter's view of the model may differ from the fit
 * by an offset from N(0, tasteSpread^2) (see `taste.ts`), and the tails are averaged over it.
 * With tasteSpread 0 a long enough record flags any real preference, and the voters with the
 * longest records (the most useful ones) would be flagged most. The allowance also absorbs a
 * second, smaller departure: when draws are likeliest between close models, decisive votes are
 * a little more lopsided than the fit's p, which a very long record would show as the strong
 * models favoured and the weak ones disfavoured.
 */
export function favouritismTest(
  votes: readonly ScreenedVote[],
  ratings: FitRatings,
  alpha: number,
  tasteSpread = 0,
): FavouritismTest {
  const byModel = new Map<ModelKey, Games>();
  const record = (model: ModelKey, rating: number, opponent: number, won: boolean): void => {
    const games = byModel.get(model) ?? { rating, opponents: [], wins: 0 };
    games.opponents.push(opponent);
    if (won) games.wins += 1;
    byModel.set(model, games);
  };
  for (const decision of ratedDecisions(votes, ratings)) {
    record(decision.winner, decision.winnerRating, decision.loserRating, true);
    record(decision.loser, decision.loserRating, decision.winnerRating, false);
  }

  const nodes = tasteNodes(tasteSpread);
  const tested = [...byModel.entries()].map(([model, games]) => testModel(model, games, nodes));
  const threshold = taroneThreshold(
    tested.map((test) => test.extremePValue),
    alpha,
  );
  const models = tested.map((test) => test.row);
  const significant = models.filter((row) => row.pValue <= threshold);
  return {
    models,
    threshold,
    favoured: significant.filter((row) => row.wins > row.expectedWins),
    disfavoured: significant.filter((row) => row.wins < row.expectedWins),
  };
}

/**
 * One model's row, and the smallest p-value its battles could have given (every vote won, or
 * every one lost), which Tarone's correction needs. Both tails are averaged over the voter's
 * possible taste for the model.
 */
function testModel(
  model: ModelKey,
  games: Games,
  nodes: readonly TasteNode[],
): { row: ModelFavour; extremePValue: number } {
  // expectedScore(rating + offset, opponent) = 1 / (1 + odds * 10^(-offset / 400)): the
  // opponents' odds are computed once, not once per node.
  const odds = games.opponents.map((opponent) => 10 ** ((opponent - games.rating) / ELO_SCALE));
  const p = new Float64Array(odds.length);
  let lower = 0;
  let upper = 0;
  let allWon = 0;
  let allLost = 0;
  for (const node of nodes) {
    const shift = 10 ** (-node.offset / ELO_SCALE);
    odds.forEach((value, j) => {
      p[j] = 1 / (1 + value * shift);
    });
    const pmf = poissonBinomial(p);
    const tail = tails(pmf, games.wins);
    lower += node.weight * tail.lower;
    upper += node.weight * tail.upper;
    allWon += node.weight * (pmf[odds.length] as number);
    allLost += node.weight * (pmf[0] as number);
  }
  const fair = odds.map((value) => 1 / (1 + value));
  const expectedWins = fair.reduce((sum, p) => sum + p, 0);
  const variance = fair.reduce((sum, p) => sum + p * (1 - p), 0);
  const row: ModelFavour = {
    model,
    votes: games.opponents.length,
    wins: games.wins,
    expectedWins,
    z: variance > 0 ? (games.wins - expectedWins) / Math.sqrt(variance) : 0,
    pValue: Math.min(1, 2 * Math.min(lower, upper)),
  };
  return { row, extremePValue: Math.min(1, 2 * Math.min(allWon, allLost)) };
}
