import { randomInt } from 'node:crypto';
import type { LaunchResult } from '@arena/contract';
import { conflict, formatSize, notFound, pixelSize } from '@arena/core';
import {
  ATTEMPTS_PER_MODEL,
  challenges,
  generations,
  models,
  offerings,
  providers,
} from '@arena/db';
import { generationJobId } from '@arena/jobs';
import { and, arrayContains, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { recordAudit } from '../operators/record-audit';

/**
 * Fans a challenge out: in one transaction, one generation row per (active model of the arena
 * x attempt 1..3) and the status `generating`; then one job per unfinished generation, with a
 * deterministic id. Enqueueing happens after the commit, so a job never sees a row that is not
 * there; if the process dies in between, the reconciler enqueues the rows.
 * A failed challenge can be launched again: its failed generations are retried.
 */
export async function launchChallenge(
  ctx: Pick<ServiceContext, 'db' | 'queue' | 'logger' | 'now'>,
  input: {
    challengeId: string;
    /** The operator who launched it, audited; absent for the seeding at first start. */
    operatorId?: string | null;
  },
): Promise<LaunchResult> {
  const result = await ctx.db.transaction(async (tx) => {
    const [challenge] = await tx
      .select()
      .from(challenges)
      .where(eq(challenges.id, input.challengeId))
      .for('update');
    if (!challenge) throw notFound('challenge_not_found', 'no such challenge');
    if (challenge.status !== 'draft' && challenge.status !== 'failed') {
      throw conflict(
        'challenge_not_launchable',
        `challenge is ${challenge.status}, not draft or failed`,
      );
    }

    // Models that are active (and not retired) in this arena and have at least one enabled way
    // to run.
    const eligible = await tx
      .selectDistinct({ id: models.id })
      .from(models)
      .innerJoin(offerings, and(eq(offerings.modelId, models.id), eq(offerings.enabled, true)))
      .innerJoin(
        providers,
        and(eq(providers.id, offerings.providerId), eq(providers.enabled, true)),
      )
      .where(
        and(
          eq(models.active, true),
          isNull(models.retiredAt),
          arrayContains(models.arenas, [challenge.arena]),
        ),
      );
    if (eligible.length < 2) {
      throw conflict('not_enough_models', 'an arena needs at least two active models to compare');
    }

    const size = formatSize(pixelSize(challenge.aspectRatio, challenge.resolution));
    await tx
      .insert(generations)
      .values(
        eligible.flatMap((model) =>
          Array.from({ length: ATTEMPTS_PER_MODEL }, (_, i) => ({
            challengeId: challenge.id,
            modelId: model.id,
            attempt: i + 1,
            seed: randomInt(0, 2 ** 31 - 1),
            sizeRequested: size,
          })),
        ),
      )
      .onConflictDoNothing();
    // A relaunch retries what failed; what succeeded stays.
    await tx
      .update(generations)
      .set({ status: 'pending', errorClass: null, errorMessage: null, updatedAt: ctx.now() })
      .where(and(eq(generations.challengeId, challenge.id), eq(generations.status, 'failed')));
    await tx
      .update(challenges)
      .set({ status: 'generating', launchedAt: ctx.now(), updatedAt: ctx.now() })
      .where(eq(challenges.id, challenge.id));
    if (input.operatorId !== undefined) {
      await recordAudit(
        { db: tx },
        {
          operatorId: input.operatorId,
          action: 'challenge.launch',
          subjectType: 'challenge',
          subjectId: challenge.id,
          before: { status: challenge.status },
          after: { status: 'generating', models: eligible.length },
        },
      );
    }

    const unfinished = await tx
      .select({ id: generations.id })
      .from(generations)
      .where(
        and(
          eq(generations.challengeId, challenge.id),
          inArray(generations.status, ['pending', 'running']),
        ),
      );
    const [total] = await tx
      .select({ count: sql<number>`count(*)`.mapWith(Number) })
      .from(generations)
      .where(eq(generations.challengeId, challenge.id));
    return {
      models: eligible.length,
      total: total?.count ?? 0,
      unfinished: unfinished.map((g) => g.id),
    };
  });

  await ctx.queue.enqueueMany(
    result.unfinished.map((generationId) => ({
      name: 'generation.run' as const,
      payload: { generationId },
      options: { jobId: generationJobId(generationId), replaceFinished: true },
    })),
  );
  ctx.logger.info(
    { challengeId: input.challengeId, models: result.models, generations: result.total },
    'challenge launched',
  );
  return { challengeId: input.challengeId, models: result.models, generations: result.total };
}
