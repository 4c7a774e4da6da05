import type { BestFor } from '@arena/contract';
import { compareBestFor, type Arena } from '@arena/core';
import { categories } from '@arena/db';
import { inArray } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { latestSnapshots } from '../leaderboards/snapshot-reads';
import { findModel } from './find-model';

/**
 * "Best for": the categories where the model ranks highest, with its win rate there, from the
 * latest category snapshots, in the order of `compareBestFor`.
 */
export async function getBestFor(
  ctx: Pick<ServiceContext, 'db'>,
  input: { slug: string },
): Promise<BestFor> {
  const { arenas, ...model } = await findModel(ctx, { slug: input.slug });
  if (arenas.length === 0) return { model, categories: [] };
  const all = await ctx.db
    .select({
      id: categories.id,
      slug: categories.slug,
      name: categories.name,
      arena: categories.arena,
    })
    .from(categories)
    .where(inArray(categories.arena, arenas as Arena[]));
  const entries = await Promise.all(
    (arenas as Arena[]).map(async (arena) => {
      const own = all.filter((category) => category.arena === arena);
      const snapshots = await latestSnapshots(ctx, {
        arena,
        scopes: own.map((category) => category.id),
      });
      return own.flatMap((category) => {
        const snapshot = snapshots.get(category.id);
        const row = snapshot?.rows.find((candidate) => candidate.modelId === model.id);
        if (!snapshot || !row) return [];
        return [
          {
            arena,
            category: { id: category.id, slug: category.slug, name: category.name },
            rank: row.rank,
            of: snapshot.rows.length,
            rating: row.rating,
            ciLow: row.ciLow,
            ciHigh: row.ciHigh,
            provisional: row.provisional,
            games: row.votes,
            winRate: row.votes > 0 ? row.wins / row.votes : null,
          },
        ];
      });
    }),
  );
  return {
    model,
    categories: entries.flat().sort(compareBestFor),
  };
}
