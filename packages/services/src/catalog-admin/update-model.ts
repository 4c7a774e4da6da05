import { updateModelInput, type AdminModel, type UpdateModelInput } from '@arena/contract';
import { notFound } from '@arena/core';
import { models } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { recordAudit } from '../operators/record-audit';
import { loadAdminModel } from './admin-models';
import { conflictOnDuplicate, sentFields } from './unique-violation';

/**
 * Changes the fields sent; `retire` is its own operation. From now on catalog sync leaves
 * this model to the console (console-edits.ts).
 */
export async function updateModel(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { operatorId: string | null; modelId: string; changes: UpdateModelInput },
): Promise<AdminModel> {
  const changes = sentFields(updateModelInput.parse(input.changes));
  return ctx.db
    .transaction(async (tx) => {
      const before = await loadAdminModel({ db: tx }, input.modelId);
      if (!before) throw notFound('model_not_found', 'no such model');
      await tx
        .update(models)
        .set({ ...changes, updatedAt: ctx.now() })
        .where(eq(models.id, input.modelId));
      const after = (await loadAdminModel({ db: tx }, input.modelId))!;
      await recordAudit(
        { db: tx },
        {
          operatorId: input.operatorId,
          action: 'model.update',
          subjectType: 'model',
          subjectId: input.modelId,
          before,
          after,
        },
      );
      return after;
    })
    .catch(conflictOnDuplicate('slug_taken', 'a model with this slug already exists'));
}
