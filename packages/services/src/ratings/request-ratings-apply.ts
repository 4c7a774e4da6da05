import { RATINGS_APPLY_JOB_ID } from '@arena/jobs';
import type { ServiceContext } from '../context';
import { requestDebouncedJob } from '../jobs/request-debounced-job';

/** How soon after a vote its Elo step reaches the ratings. */
const APPLY_DELAY_MS = 200;

/**
 * Asks the ratings consumer to run shortly. Never throws: the vote and its queued step are
 * stored either way, and the next request (or the leaderboard recompute) applies it.
 */
export async function requestRatingsApply(ctx: Pick<ServiceContext, 'queue' | 'logger'>) {
  await requestDebouncedJob(ctx, {
    name: 'ratings.apply',
    jobId: RATINGS_APPLY_JOB_ID,
    delayMs: APPLY_DELAY_MS,
  });
}
