import { bootstrapIntervals } from './bootstrap';
import { fitBradleyTerry, type BradleyTerryOptions } from './bradley-terry';
import { modelVoteCounts, type PairCounts } from './counts';
import type { RatingInterval } from './intervals';
import type { Rng } from './random';
import { displayRanks, provisionalFlags } from './ranks';
import { sandwichIntervals } from './sandwich';

interface CommonRatingsOptions extends Omit<BradleyTerryOptions, 'initial'> {
  level?: number;
  /** Models with fewer votes are flagged provisional (default PROVISIONAL_VOTES). */
  provisionalVotes?: number;
}

export type RatingsOptions = CommonRatingsOptions &
  (
    | { method: 'sandwich' }
    | {
        method: 'bootstrap';
        /** Seeded generator; derive it from the job's seed and the scope for reproducibility. */
        rng: Rng;
        rounds?: number;
      }
  );

export interface ModelRating extends RatingInterval {
  model: number;
  rank: number;
  votes: number;
  provisional: boolean;
}

export interface RatingsResult {
  method: RatingsOptions['method'];
  /** One row per model index, in index order (sort by rank or rating to display). */
  models: ModelRating[];
  iterations: number;
  converged: boolean;
}

/** Everything a leaderboard scope needs from its cells: fit, intervals, ranks, flags. */
export function computeRatings(
  cells: readonly PairCounts[],
  modelCount: number,
  options: RatingsOptions,
): RatingsResult {
  const fit = fitBradleyTerry(cells, modelCount, options);
  const intervals =
    options.method === 'bootstrap'
      ? bootstrapIntervals(cells, modelCount, { ...options, fit }).intervals
      : sandwichIntervals(cells, modelCount, { ...options, fit }).intervals;
  const ranks = displayRanks(intervals);
  const votes = modelVoteCounts(cells, modelCount);
  const provisional = provisionalFlags(votes, options.provisionalVotes);
  return {
    method: options.method,
    models: intervals.map((interval, model) => ({
      model,
      ...interval,
      rank: ranks[model] as number,
      votes: votes[model] as number,
      provisional: provisional[model] as boolean,
    })),
    iterations: fit.iterations,
    converged: fit.converged,
  };
}
