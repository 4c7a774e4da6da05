import type { JobHandlers } from '@arena/jobs';
import type { ServiceContext } from '../context';
import { runGeneration } from '../generations/run-generation';
import { recomputeLeaderboards } from '../leaderboards/recompute';

/** Every job mapped to the service that does the work; runners refuse to start without one. */
export function createJobHandlers(ctx: ServiceContext): JobHandlers {
  return {
    'generation.run': (payload, job) => runGeneration(ctx, payload.generationId, job),
    'leaderboard.recompute': async (payload) => {
      await recomputeLeaderboards(ctx, { force: payload.force });
    },
  };
}
