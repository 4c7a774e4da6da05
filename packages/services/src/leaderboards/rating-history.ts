import type { RatingHistory } from '@arena/contract';
import { OVERALL_SCOPE, type Arena } from '@arena/core';
import { ratingHistory } from '@arena/db';
import { and, asc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { findModel } from '../results/find-model';
import { findCategory } from './find-category';
import { latestSnapshot } from './snapshot-reads';

type Point = RatingHistory['points'][number];

/**
 * A model's published rating over time in one arena scope, oldest first, for charts. History
 * points are kept about once an interval, so the newest may predate the published leaderboard:
 * the published snapshot is then added as the last point, and the chart ends where the board
 * stands.
 */
export async function getRatingHistory(
  ctx: Pick<ServiceContext, 'db'>,
  input: { slug: string; arena: Arena; category?: string },
): Promise<RatingHistory> {
  const { arenas: _arenas, ...model } = await findModel(ctx, { slug: input.slug });
  const category = input.category
    ? await findCategory(ctx, { arena: input.arena, slug: input.category })
    : null;
  const scope = category?.id ?? OVERALL_SCOPE;
  const [rows, published] = await Promise.all([
    ctx.db
      .select()
      .from(ratingHistory)
      .where(
        and(
          eq(ratingHistory.modelId, model.id),
          eq(ratingHistory.arena, input.arena),
          eq(ratingHistory.scope, scope),
        ),
      )
      .orderBy(asc(ratingHistory.computedAt)),
    latestSnapshot(ctx, { arena: input.arena, scope }),
  ]);
  const points: Point[] = rows.map((row) => ({
    computedAt: row.computedAt.toISOString(),
    rating: row.rating,
    ciLow: row.ciLow,
    ciHigh: row.ciHigh,
    rank: row.rank,
    votes: row.votes,
  }));
  const current = published?.rows.find((row) => row.modelId === model.id);
  const last = rows.at(-1);
  if (published && current && (!last || published.computedAt > last.computedAt)) {
    points.push({
      computedAt: published.computedAt.toISOString(),
      rating: current.rating,
      ciLow: current.ciLow,
      ciHigh: current.ciHigh,
      rank: current.rank,
      votes: current.votes,
    });
  }
  return { model, arena: input.arena, category, points };
}
