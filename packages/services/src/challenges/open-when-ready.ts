import { challenges, generations } from '@arena/db';
import { and, countDistinct, eq, inArray, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/**
 * When every generation of a generating challenge has ended, the challenge opens for voting
 * if at least two models succeeded (something to compare), and is marked failed otherwise.
 * Runs after each generation ends and from the reconciler; the row lock makes it safe to run
 * concurrently.
 */
export async function openChallengeWhenReady(
  ctx: Pick<ServiceContext, 'db' | 'logger' | 'now'>,
  input: { challengeId: string },
): Promise<'voting' | 'failed' | 'unchanged'> {
  const { challengeId } = input;
  return ctx.db.transaction(async (tx) => {
    const [challenge] = await tx
      .select({ status: challenges.status })
      .from(challenges)
      .where(eq(challenges.id, challengeId))
      .for('update');
    if (challenge?.status !== 'generating') return 'unchanged';
    const [counts] = await tx
      .select({
        unfinished:
          sql<number>`count(*) filter (where ${generations.status} in ('pending', 'running'))`.mapWith(
            Number,
          ),
        succeededModels: countDistinct(
          sql`case when ${generations.status} = 'succeeded' then ${generations.modelId} end`,
        ),
      })
      .from(generations)
      .where(eq(generations.challengeId, challengeId));
    if (!counts || counts.unfinished > 0) return 'unchanged';
    const next = counts.succeededModels >= 2 ? 'voting' : 'failed';
    await tx
      .update(challenges)
      .set({ status: next, openedAt: next === 'voting' ? ctx.now() : null, updatedAt: ctx.now() })
      .where(and(eq(challenges.id, challengeId), inArray(challenges.status, ['generating'])));
    ctx.logger.info(
      { challengeId, status: next, models: counts.succeededModels },
      'challenge generation ended',
    );
    return next;
  });
}
