import type { GenerationVisibility } from '@arena/contract';
import { notFound } from '@arena/core';
import { generations } from '@arena/db';
import { eq } from 'drizzle-orm';
import { bumpOpenAnswersVersion } from '../battles/bump-open-answers';
import type { ServiceContext } from '../context';
import { recordAudit } from '../operators/record-audit';

type Ctx = Pick<ServiceContext, 'db' | 'now' | 'logger'>;

/**
 * Hides an answer from battles and galleries, or shows it again. A hidden answer is never
 * issued in a new battle (the battle index leaves it out, and the battle insert checks it) nor
 * shown among a closed challenge's attempts; the votes already cast on it stay, and keep
 * rating its model. Hiding what is hidden (or showing what is shown) changes nothing and is not
 * audited.
 *
 * The open answers' version is moved here: its triggers (migration 0006) watch the status of
 * generations only. Moved in the transaction, like a trigger would, and once more after the
 * commit, so that a rebuild prompted by the version surely reads the change.
 */
export async function setGenerationHidden(
  ctx: Ctx,
  input: { generationId: string; hidden: boolean; operatorId: string | null },
): Promise<GenerationVisibility> {
  const { generationId, hidden, operatorId } = input;
  const { row, changed } = await ctx.db.transaction(async (tx) => {
    const columns = {
      id: generations.id,
      challengeId: generations.challengeId,
      hiddenAt: generations.hiddenAt,
      hiddenBy: generations.hiddenBy,
    };
    const [before] = await tx
      .select(columns)
      .from(generations)
      .where(eq(generations.id, generationId))
      .for('update');
    if (!before) throw notFound('generation_not_found', 'no such generation');
    if ((before.hiddenAt !== null) === hidden) return { row: before, changed: false };
    const [after] = await tx
      .update(generations)
      .set(
        hidden ? { hiddenAt: ctx.now(), hiddenBy: operatorId } : { hiddenAt: null, hiddenBy: null },
      )
      .where(eq(generations.id, generationId))
      .returning(columns);
    await recordAudit(
      { db: tx },
      {
        operatorId,
        action: hidden ? 'generation.hide' : 'generation.unhide',
        subjectType: 'generation',
        subjectId: generationId,
        before: { hiddenAt: before.hiddenAt, hiddenBy: before.hiddenBy },
        after: { hiddenAt: after!.hiddenAt, hiddenBy: after!.hiddenBy },
      },
    );
    return { row: after!, changed: true };
  });
  if (changed) {
    await bumpOpenAnswersVersion(ctx);
    ctx.logger.info({ generationId, hidden }, hidden ? 'answer hidden' : 'answer shown');
  }
  return {
    id: row.id,
    challengeId: row.challengeId,
    hiddenAt: row.hiddenAt?.toISOString() ?? null,
    hiddenBy: row.hiddenBy,
  };
}
