import type { CategoryRef } from '@arena/contract';
import { notFound, type Arena } from '@arena/core';
import { categories } from '@arena/db';
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/** The category named by its slug in an arena, or 404. */
export async function findCategory(
  ctx: Pick<ServiceContext, 'db'>,
  input: { arena: Arena; slug: string },
): Promise<CategoryRef> {
  const [found] = await ctx.db
    .select({ id: categories.id, slug: categories.slug, name: categories.name })
    .from(categories)
    .where(and(eq(categories.slug, input.slug), eq(categories.arena, input.arena)));
  if (!found) throw notFound('category_not_found', `no category "${input.slug}" in ${input.arena}`);
  return found;
}
