import type { AdminCategory } from '@arena/contract';
import type { Arena } from '@arena/core';
import { categories, challenges } from '@arena/db';
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { iso } from './unique-violation';

/** Categories with their challenge counts (drafts included), by arena then name. */
export async function loadAdminCategories(
  ctx: Pick<ServiceContext, 'db'>,
  where?: SQL,
): Promise<AdminCategory[]> {
  const rows = await ctx.db
    .select({
      category: categories,
      challenges: sql<number>`count(${challenges.id})`.mapWith(Number),
    })
    .from(categories)
    .leftJoin(challenges, eq(challenges.categoryId, categories.id))
    .where(where)
    .groupBy(categories.id)
    .orderBy(asc(categories.arena), asc(categories.name));
  return rows.map(({ category, challenges: count }) => ({
    id: category.id,
    slug: category.slug,
    name: category.name,
    arena: category.arena,
    description: category.description,
    challenges: count,
    createdAt: iso(category.createdAt),
  }));
}

export async function loadAdminCategory(
  ctx: Pick<ServiceContext, 'db'>,
  categoryId: string,
): Promise<AdminCategory | undefined> {
  return (await loadAdminCategories(ctx, eq(categories.id, categoryId)))[0];
}

/** Every category for the console's table, of one arena if asked. */
export async function listAdminCategories(
  ctx: Pick<ServiceContext, 'db'>,
  input: { arena?: Arena } = {},
): Promise<AdminCategory[]> {
  return loadAdminCategories(ctx, input.arena ? eq(categories.arena, input.arena) : undefined);
}
