import {
  ELO_INITIAL_RATING,
  notFound,
  OVERALL_SCOPE,
  type Arena,
  type Leaderboard,
} from '@arena/core';
import { categories, models, ratings, votes } from '@arena/db';
import { and, arrayContains, eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/**
 * The online-Elo leaderboard of an arena, overall or for one category: every active model of
 * the arena, unrated ones at the starting rating, best first.
 */
export async function getLeaderboard(
  ctx: Pick<ServiceContext, 'db'>,
  input: { arena: Arena; category?: string },
): Promise<Leaderboard> {
  let category: { id: string; slug: string; name: string } | null = null;
  if (input.category) {
    const [found] = await ctx.db
      .select({ id: categories.id, slug: categories.slug, name: categories.name })
      .from(categories)
      .where(and(eq(categories.slug, input.category), eq(categories.arena, input.arena)));
    if (!found)
      throw notFound('category_not_found', `no category "${input.category}" in ${input.arena}`);
    category = found;
  }
  const scope = category?.id ?? OVERALL_SCOPE;
  const rows = await ctx.db
    .select({ model: models, rating: ratings })
    .from(models)
    .leftJoin(
      ratings,
      and(eq(ratings.modelId, models.id), eq(ratings.arena, input.arena), eq(ratings.scope, scope)),
    )
    .where(and(eq(models.active, true), arrayContains(models.arenas, [input.arena])));
  const voteConditions = [eq(votes.arena, input.arena), eq(votes.counted, true)];
  if (category) voteConditions.push(eq(votes.categoryId, category.id));
  const [voteCount] = await ctx.db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(votes)
    .where(and(...voteConditions));

  const sorted = rows
    .map(({ model, rating }) => ({
      model: { id: model.id, slug: model.slug, name: model.name, creator: model.creator },
      rating: rating?.rating ?? ELO_INITIAL_RATING,
      games: rating?.games ?? 0,
      wins: rating?.wins ?? 0,
      losses: rating?.losses ?? 0,
      ties: rating?.ties ?? 0,
      bothBad: rating?.bothBad ?? 0,
      winRate: rating && rating.games > 0 ? rating.wins / rating.games : null,
    }))
    .sort(
      (a, b) =>
        b.rating - a.rating || b.games - a.games || a.model.name.localeCompare(b.model.name),
    );
  return {
    arena: input.arena,
    category,
    votes: voteCount?.count ?? 0,
    rows: sorted.map((row, index) => ({ rank: index + 1, ...row })),
  };
}
