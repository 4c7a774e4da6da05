import { disqualifyInput, type AdminGeneration, type DisqualifyInput } from '@arena/contract';
import { conflict, notFound } from '@arena/core';
import { generations } from '@arena/db';
import { and, eq, isNull } from 'drizzle-orm';
import { bumpOpenAnswersVersion } from '../battles/bump-open-answers';
import type { ServiceContext } from '../context';
import { recordAudit } from '../operators/record-audit';
import { readAdminGeneration } from './admin-generation';

/**
 * Disqualifies an answer that breaks the challenge's rules: it leaves battles at once (the
 * open answers' version moves in the same transaction, and no new battle shows it) and the
 * challenge's results (gallery, best attempts and its own board). Votes already cast stay
 * stored. The reason goes to the audit log. Disqualifying it again changes nothing.
 */
export async function disqualifyGeneration(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { operatorId: string | null; generationId: string; disqualify: DisqualifyInput },
): Promise<AdminGeneration> {
  const { reason } = disqualifyInput.parse(input.disqualify);
  const changed = await ctx.db.transaction(async (tx) => {
    const [generation] = await tx
      .select()
      .from(generations)
      .where(eq(generations.id, input.generationId))
      .for('update');
    if (!generation) throw notFound('generation_not_found', 'no such generation');
    if (generation.disqualifiedAt) return false;
    if (generation.status !== 'succeeded') {
      throw conflict(
        'generation_not_succeeded',
        `only an answer can be disqualified; this generation is ${generation.status}`,
      );
    }
    const now = ctx.now();
    await tx
      .update(generations)
      .set({ disqualifiedAt: now, disqualifiedBy: input.operatorId, updatedAt: now })
      .where(and(eq(generations.id, generation.id), isNull(generations.disqualifiedAt)));
    await recordAudit(
      { db: tx },
      {
        operatorId: input.operatorId,
        action: 'generation.disqualify',
        subjectType: 'generation',
        subjectId: generation.id,
        before: { disqualifiedAt: null },
        after: { disqualifiedAt: now.toISOString(), reason },
      },
    );
    return true;
  });
  // Once more after the commit: a rebuild prompted by the bump inside may have read the
  // tables before the commit (as moderation's hide does).
  if (changed) await bumpOpenAnswersVersion(ctx);
  return readAdminGeneration(ctx, { generationId: input.generationId });
}
