import { createCategoryInput, type AdminCategory, type CreateCategoryInput } from '@arena/contract';
import { conflict } from '@arena/core';
import { categories } from '@arena/db';
import type { ServiceContext } from '../context';
import { recordAudit } from '../operators/record-audit';
import { loadAdminCategory } from './admin-categories';
import { conflictOnDuplicate } from './unique-violation';

const SLUG_TAKEN = 'a category with this slug already exists';

/** Adds a category to an arena; it has ratings of its own once its challenges get votes. */
export async function createCategory(
  ctx: Pick<ServiceContext, 'db'>,
  input: { operatorId: string | null; category: CreateCategoryInput },
): Promise<AdminCategory> {
  const fields = createCategoryInput.parse(input.category);
  return ctx.db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(categories)
        .values({
          slug: fields.slug,
          name: fields.name,
          arena: fields.arena,
          description: fields.description ?? null,
        })
        .onConflictDoNothing({ target: categories.slug })
        .returning({ id: categories.id });
      if (!row) throw conflict('slug_taken', SLUG_TAKEN);
      const created = (await loadAdminCategory({ db: tx }, row.id))!;
      await recordAudit(
        { db: tx },
        {
          operatorId: input.operatorId,
          action: 'category.create',
          subjectType: 'category',
          subjectId: row.id,
          after: created,
        },
      );
      return created;
    })
    .catch(conflictOnDuplicate('slug_taken', SLUG_TAKEN));
}
