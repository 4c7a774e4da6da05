import { LEADERBOARD_RECOMPUTE_JOB_ID } from '@arena/jobs';
import type { ServiceContext } from '../context';

/**
 * Asks for a leaderboard recompute after `delayMs`. Every request uses one job id, so while a
 * recompute is waiting, more requests are no-ops: a burst of votes costs one recompute.
 * `replaceFinished` makes a recompute that failed for good no obstacle to the next one.
 *
 * Never throws: a vote is recorded whether or not the queue is reachable, and the scheduled
 * recompute catches up on whatever a lost request missed.
 */
export async function requestLeaderboardRecompute(
  ctx: Pick<ServiceContext, 'queue' | 'logger'>,
  input: { delayMs: number },
): Promise<void> {
  const { delayMs } = input;
  try {
    await ctx.queue.enqueue(
      'leaderboard.recompute',
      {},
      { jobId: LEADERBOARD_RECOMPUTE_JOB_ID, delayMs, replaceFinished: true },
    );
  } catch (error) {
    ctx.logger.warn({ err: error }, 'could not request a leaderboard recompute');
  }
}
