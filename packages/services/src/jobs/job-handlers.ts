import type { JobHandlers } from '@arena/jobs';
import type { ServiceContext } from '../context';
import { runGeneration } from '../generations/run-generation';

/** Every job mapped to the service that does the work; runners refuse to start without one. */
export function createJobHandlers(ctx: ServiceContext): JobHandlers {
  return {
    'generation.run': (payload, job) => runGeneration(ctx, payload.generationId, job),
  };
}
