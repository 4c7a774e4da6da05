import type { Category } from '@arena/contract';
import type { Arena } from '@arena/core';
import { categories, challenges } from '@arena/db';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/** Categories, with how many challenges in each are open or closed (i.e. have results). */
export async function listCategories(
  ctx: Pick<ServiceContext, 'db'>,
  input: { arena?: Arena },
): Promise<Category[]> {
  const rows = await ctx.db
    .select({
      id: categories.id,
      slug: categories.slug,
      name: categories.name,
      arena: categories.arena,
      description: categories.description,
      challenges: count(challenges.id),
    })
    .from(categories)
    .leftJoin(
      challenges,
      and(
        eq(challenges.categoryId, categories.id),
        inArray(challenges.status, ['voting', 'closed']),
      ),
    )
    .where(input.arena ? eq(categories.arena, input.arena) : undefined)
    .groupBy(categories.id)
    .orderBy(asc(categories.arena), asc(categories.name));
  return rows;
}
