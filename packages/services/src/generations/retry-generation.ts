import type { AdminGeneration } from '@arena/contract';
import { conflict, notFound } from '@arena/core';
import { challenges, generations } from '@arena/db';
import { generationJobId } from '@arena/jobs';
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { recordAudit } from '../operators/record-audit';
import { readAdminGeneration } from './admin-generation';

/**
 * Runs a failed generation again: back to pending (its tries stay on record) and its job
 * enqueued after the commit, as a launch does. Only a failed one (409 otherwise: a running or
 * finished answer is not thrown away), and not once the challenge is closed (its results are
 * published). A challenge that failed for want of answers goes back to generating, so it
 * opens for voting if enough answers now come.
 */
export async function retryGeneration(
  ctx: Pick<ServiceContext, 'db' | 'queue' | 'now'>,
  input: { operatorId: string | null; generationId: string },
): Promise<AdminGeneration> {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ generation: generations, challengeStatus: challenges.status })
      .from(generations)
      .innerJoin(challenges, eq(challenges.id, generations.challengeId))
      .where(eq(generations.id, input.generationId))
      .for('update');
    if (!row) throw notFound('generation_not_found', 'no such generation');
    const { generation, challengeStatus } = row;
    if (generation.status !== 'failed') {
      throw conflict(
        'generation_not_failed',
        `only a failed generation can be retried; this one is ${generation.status}`,
      );
    }
    if (challengeStatus === 'closed') {
      throw conflict('challenge_closed', 'the challenge is closed: its results are published');
    }
    const now = ctx.now();
    const [retried] = await tx
      .update(generations)
      .set({ status: 'pending', errorClass: null, errorMessage: null, updatedAt: now })
      .where(and(eq(generations.id, generation.id), eq(generations.status, 'failed')))
      .returning({ id: generations.id });
    if (!retried) throw conflict('generation_not_failed', 'the generation changed meanwhile');
    if (challengeStatus === 'failed') {
      await tx
        .update(challenges)
        .set({ status: 'generating', updatedAt: now })
        .where(and(eq(challenges.id, generation.challengeId), eq(challenges.status, 'failed')));
    }
    await recordAudit(
      { db: tx },
      {
        operatorId: input.operatorId,
        action: 'generation.retry',
        subjectType: 'generation',
        subjectId: generation.id,
        before: {
          status: generation.status,
          errorClass: generation.errorClass,
          errorMessage: generation.errorMessage,
        },
        after: { status: 'pending' },
      },
    );
  });
  await ctx.queue.enqueue(
    'generation.run',
    { generationId: input.generationId },
    {
      jobId: generationJobId(input.generationId),
      replaceFinished: true,
    },
  );
  return readAdminGeneration(ctx, { generationId: input.generationId });
}
