import type { AdminModel } from '@arena/contract';
import { notFound } from '@arena/core';
import { models } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { recordAudit } from '../operators/record-audit';
import { loadAdminModel } from './admin-models';

/**
 * Retires a model (or brings it back): a retired model gets no new fan-outs; its generations,
 * votes, ratings and history stay, and its pages say it is retired. Retiring a retired model
 * keeps the first date.
 */
export async function setModelRetired(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { operatorId: string | null; modelId: string; retired: boolean },
): Promise<AdminModel> {
  return ctx.db.transaction(async (tx) => {
    const before = await loadAdminModel({ db: tx }, input.modelId);
    if (!before) throw notFound('model_not_found', 'no such model');
    if (Boolean(before.retiredAt) === input.retired) return before;
    const now = ctx.now();
    await tx
      .update(models)
      .set({ retiredAt: input.retired ? now : null, updatedAt: now })
      .where(eq(models.id, input.modelId));
    const after = (await loadAdminModel({ db: tx }, input.modelId))!;
    await recordAudit(
      { db: tx },
      {
        operatorId: input.operatorId,
        action: input.retired ? 'model.retire' : 'model.unretire',
        subjectType: 'model',
        subjectId: input.modelId,
        before,
        after,
      },
    );
    return after;
  });
}
