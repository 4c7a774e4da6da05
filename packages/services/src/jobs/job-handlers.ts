import type { JobHandlers } from '@arena/jobs';
import type { ServiceContext } from '../context';
import { runGeneration } from '../generations/run-generation';
import { recomputeLeaderboards } from '../leaderboards/recompute-leaderboards';

/** Every job mapped to the operation that does the work; runners refuse to start without one. */
export function createJobHandlers(ctx: ServiceContext): JobHandlers {
  return {
    'generation.run': (payload, job) =>
      runGeneration(ctx, { generationId: payload.generationId, job }),
    'leaderboard.recompute': async (payload) => {
      await recomputeLeaderboards(ctx, { force: payload.force });
    },
  };
}
