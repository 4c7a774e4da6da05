import { LEADERBOARD_RECOMPUTE_JOB_ID } from '@arena/jobs';
import type { ServiceContext } from '../context';
import { requestDebouncedJob } from '../jobs/request-debounced-job';

/**
 * Asks for a leaderboard recompute after `delayMs`: a burst of votes costs one recompute.
 * Never throws: a vote is recorded whether or not the queue is reachable, and the scheduled
 * recompute catches up on whatever a lost request missed.
 */
export async function requestLeaderboardRecompute(
  ctx: Pick<ServiceContext, 'queue' | 'logger'>,
  input: { delayMs: number },
): Promise<void> {
  await requestDebouncedJob(ctx, {
    name: 'leaderboard.recompute',
    jobId: LEADERBOARD_RECOMPUTE_JOB_ID,
    delayMs: input.delayMs,
  });
}
