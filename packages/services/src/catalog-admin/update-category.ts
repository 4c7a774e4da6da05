import { updateCategoryInput, type AdminCategory, type UpdateCategoryInput } from '@arena/contract';
import { notFound } from '@arena/core';
import { categories } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { recordAudit } from '../operators/record-audit';
import { loadAdminCategory } from './admin-categories';
import { conflictOnDuplicate, sentFields } from './unique-violation';

/** Renames or re-describes a category (its arena stays: its challenges belong to it). */
export async function updateCategory(
  ctx: Pick<ServiceContext, 'db'>,
  input: { operatorId: string | null; categoryId: string; changes: UpdateCategoryInput },
): Promise<AdminCategory> {
  const changes = sentFields(updateCategoryInput.parse(input.changes));
  return ctx.db
    .transaction(async (tx) => {
      const before = await loadAdminCategory({ db: tx }, input.categoryId);
      if (!before) throw notFound('category_not_found', 'no such category');
      if (Object.keys(changes).length > 0) {
        await tx.update(categories).set(changes).where(eq(categories.id, input.categoryId));
      }
      const after = (await loadAdminCategory({ db: tx }, input.categoryId))!;
      await recordAudit(
        { db: tx },
        {
          operatorId: input.operatorId,
          action: 'category.update',
          subjectType: 'category',
          subjectId: input.categoryId,
          before,
          after,
        },
      );
      return after;
    })
    .catch(conflictOnDuplicate('slug_taken', 'a category with this slug already exists'));
}
