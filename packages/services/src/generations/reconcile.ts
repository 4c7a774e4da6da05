import { challenges, generations } from '@arena/db';
import { generationJobId } from '@arena/jobs';
import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { openChallengeWhenReady } from '../challenges/open-when-ready';
import type { ServiceContext } from '../context';

export interface ReconcileResult {
  enqueued: number;
  challengesChecked: number;
}

/**
 * Postgres is the source of truth and Redis only holds work in flight: this re-enqueues every
 * generation the database says is unfinished and no live worker holds (no lease, or a lapsed
 * one: a no-op for jobs already queued, a fresh job where Redis lost or gave up on one) and
 * settles challenges whose generations all ended while nobody was looking. A generation under
 * a live lease is left to its worker, whose call is running: a second job for it would only
 * wait. Run at worker start-up and periodically.
 */
export async function reconcileGenerations(
  ctx: Pick<ServiceContext, 'db' | 'queue' | 'logger' | 'now'>,
): Promise<ReconcileResult> {
  const unfinished = await ctx.db
    .select({ id: generations.id })
    .from(generations)
    .where(
      and(
        inArray(generations.status, ['pending', 'running']),
        or(isNull(generations.leaseExpiresAt), lte(generations.leaseExpiresAt, sql`now()`)),
      ),
    );
  await ctx.queue.enqueueMany(
    unfinished.map(({ id }) => ({
      name: 'generation.run' as const,
      payload: { generationId: id },
      options: { jobId: generationJobId(id), replaceFinished: true },
    })),
  );
  const generating = await ctx.db
    .select({ id: challenges.id })
    .from(challenges)
    .where(eq(challenges.status, 'generating'));
  for (const { id } of generating) await openChallengeWhenReady(ctx, { challengeId: id });
  if (unfinished.length > 0) {
    ctx.logger.info(
      { enqueued: unfinished.length },
      'reconciler re-enqueued unfinished generations',
    );
  }
  return { enqueued: unfinished.length, challengesChecked: generating.length };
}
