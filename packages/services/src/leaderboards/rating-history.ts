import type { RatingHistory } from '@arena/contract';
import { OVERALL_SCOPE, type Arena } from '@arena/core';
import { ratingHistory } from '@arena/db';
import { and, asc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { findModel } from '../results/find-model';
import { findCategory } from './find-category';

/** A model's published rating over time in one arena scope, oldest first, for charts. */
export async function getRatingHistory(
  ctx: Pick<ServiceContext, 'db'>,
  input: { slug: string; arena: Arena; category?: string },
): Promise<RatingHistory> {
  const { arenas: _arenas, ...model } = await findModel(ctx, { slug: input.slug });
  const category = input.category
    ? await findCategory(ctx, { arena: input.arena, slug: input.category })
    : null;
  const rows = await ctx.db
    .select()
    .from(ratingHistory)
    .where(
      and(
        eq(ratingHistory.modelId, model.id),
        eq(ratingHistory.arena, input.arena),
        eq(ratingHistory.scope, category?.id ?? OVERALL_SCOPE),
      ),
    )
    .orderBy(asc(ratingHistory.computedAt));
  return {
    model,
    arena: input.arena,
    category,
    points: rows.map((row) => ({
      computedAt: row.computedAt.toISOString(),
      rating: row.rating,
      ciLow: row.ciLow,
      ciHigh: row.ciHigh,
      rank: row.rank,
      votes: row.votes,
    })),
  };
}
