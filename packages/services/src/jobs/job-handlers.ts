import type { JobHandlers } from '@arena/jobs';
import type { ServiceContext } from '../context';
import { runGeneration } from '../generations/run-generation';
import { recomputeLeaderboards } from '../leaderboards/recompute-leaderboards';
import { applyRatingChanges } from '../ratings/apply-rating-changes';

/** Every job mapped to the operation that does the work; runners refuse to start without one. */
export function createJobHandlers(ctx: ServiceContext): JobHandlers {
  return {
    'generation.run': (payload, job) =>
      runGeneration(ctx, { generationId: payload.generationId, job }),
    'leaderboard.recompute': async (payload) => {
      // Catches up on Elo steps whose consumer request was lost.
      await applyRatingChanges(ctx);
      await recomputeLeaderboards(ctx, { force: payload.force });
    },
    'ratings.apply': async () => {
      await applyRatingChanges(ctx);
    },
  };
}
