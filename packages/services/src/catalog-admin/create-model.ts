import { createModelInput, type AdminModel, type CreateModelInput } from '@arena/contract';
import { conflict } from '@arena/core';
import { models } from '@arena/db';
import type { ServiceContext } from '../context';
import { recordAudit } from '../operators/record-audit';
import { toAdminModel } from './admin-models';
import { conflictOnDuplicate } from './unique-violation';

const SLUG_TAKEN = 'a model with this slug already exists';

/** Adds a model; it gets challenges once it has an enabled offering. */
export async function createModel(
  ctx: Pick<ServiceContext, 'db'>,
  input: { operatorId: string | null; model: CreateModelInput },
): Promise<AdminModel> {
  const fields = createModelInput.parse(input.model);
  return ctx.db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(models)
        .values({
          slug: fields.slug,
          name: fields.name,
          creator: fields.creator,
          family: fields.family ?? null,
          modelRef: fields.modelRef ?? null,
          releasedAt: fields.releasedAt ?? null,
          arenas: fields.arenas,
          tags: fields.tags,
          description: fields.description ?? null,
          active: fields.active,
        })
        .onConflictDoNothing({ target: models.slug })
        .returning();
      if (!row) throw conflict('slug_taken', SLUG_TAKEN);
      const created = toAdminModel(row, { total: 0, enabled: 0 });
      await recordAudit(
        { db: tx },
        {
          operatorId: input.operatorId,
          action: 'model.create',
          subjectType: 'model',
          subjectId: row.id,
          after: created,
        },
      );
      return created;
    })
    .catch(conflictOnDuplicate('slug_taken', SLUG_TAKEN));
}
