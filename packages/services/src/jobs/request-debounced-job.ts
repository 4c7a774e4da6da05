import type { JobName, JobQueue } from '@arena/jobs';
import type { ServiceContext } from '../context';

/**
 * Per queue and job id, until when the job this process last asked for is surely still
 * waiting: half the delay it was asked with.
 */
const askedUntil = new WeakMap<JobQueue, Map<string, number>>();

/**
 * Enqueues a debounced job: one job id, delayed, so that while it waits more requests are
 * no-ops. The queue already makes them no-ops, but asking costs a round trip to Redis per
 * request; a process that asked less than half the delay ago skips asking, since the job it
 * asked for has not run yet (at worst one it found waiting ran early, and the next request
 * after the half delay schedules the next). `replaceFinished` makes a job that failed for good
 * no obstacle to the next one; `rerunIfActive` runs it once more when asked for while it runs,
 * since that run may have read the database before the change that asks.
 *
 * Never throws: what the job would do is recorded in the database, and it catches up later.
 */
export async function requestDebouncedJob(
  ctx: Pick<ServiceContext, 'queue' | 'logger'>,
  input: {
    name: Extract<JobName, 'ratings.apply' | 'leaderboard.recompute'>;
    jobId: string;
    delayMs: number;
  },
): Promise<void> {
  const { name, jobId, delayMs } = input;
  const asked = askedUntil.get(ctx.queue) ?? new Map<string, number>();
  askedUntil.set(ctx.queue, asked);
  const now = performance.now();
  if (now < (asked.get(jobId) ?? -Infinity)) return;
  asked.set(jobId, now + delayMs / 2);
  try {
    await ctx.queue.enqueue(
      name,
      {},
      { jobId, delayMs, replaceFinished: true, rerunIfActive: true },
    );
  } catch (error) {
    asked.delete(jobId);
    ctx.logger.warn({ err: error, job: name }, 'could not request a job');
  }
}
