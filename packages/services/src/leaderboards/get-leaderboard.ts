import type { Leaderboard, LeaderboardRow, ModelRef } from '@arena/contract';
import { ELO_INITIAL_RATING, OVERALL_SCOPE, type Arena } from '@arena/core';
import { models, ratings, voteVoids, votes, type SnapshotRow } from '@arena/db';
import { and, arrayContains, eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { findCategory } from './find-category';
import { latestSnapshot, type Snapshot } from './snapshot-reads';

const rate = (part: number, games: number) => (games > 0 ? part / games : null);

/** Summary of the snapshot behind a leaderboard, as the wire shows it. */
function snapshotInfo(snapshot: Snapshot) {
  const params = snapshot.params as { rounds?: number; level?: number };
  return {
    method: snapshot.method,
    computedAt: snapshot.computedAt.toISOString(),
    votes: snapshot.voteCount,
    bootstrapRounds: params.rounds ?? 0,
    level: params.level ?? 0.95,
  };
}

/**
 * The leaderboard of an arena, overall or for one category: the latest published snapshot
 * (Bradley-Terry ratings with 95% intervals, shared ranks, provisional flags) with each model's
 * online Elo beside it. Active models the snapshot does not rate yet follow, unranked; before
 * the first snapshot the rows are the online Elo ratings, ranked in order, with no intervals.
 */
export async function getLeaderboard(
  ctx: Pick<ServiceContext, 'db' | 'config'>,
  input: { arena: Arena; category?: string },
): Promise<Leaderboard> {
  const category = input.category
    ? await findCategory(ctx, { arena: input.arena, slug: input.category })
    : null;
  const scope = category?.id ?? OVERALL_SCOPE;
  const [active, snapshot, voteCount] = await Promise.all([
    ctx.db
      .select({ model: models, rating: ratings })
      .from(models)
      .leftJoin(
        ratings,
        and(
          eq(ratings.modelId, models.id),
          eq(ratings.arena, input.arena),
          eq(ratings.scope, scope),
        ),
      )
      .where(and(eq(models.active, true), arrayContains(models.arenas, [input.arena]))),
    latestSnapshot(ctx, { arena: input.arena, scope }),
    countVotes(ctx, input.arena, category?.id),
  ]);
  const provisionalVotes = ctx.config.leaderboard.provisionalVotes;
  const ref = (model: typeof models.$inferSelect): ModelRef => ({
    id: model.id,
    slug: model.slug,
    name: model.name,
    creator: model.creator,
  });

  if (!snapshot) {
    const rows = active
      .map(({ model, rating }) => {
        const games = rating?.games ?? 0;
        const elo = rating?.rating ?? ELO_INITIAL_RATING;
        return {
          model: ref(model),
          rating: elo,
          ciLow: null,
          ciHigh: null,
          provisional: games < provisionalVotes,
          elo,
          games,
          wins: rating?.wins ?? 0,
          losses: rating?.losses ?? 0,
          ties: rating?.ties ?? 0,
          bothBad: rating?.bothBad ?? 0,
          winRate: rate(rating?.wins ?? 0, games),
          bothBadRate: rate(rating?.bothBad ?? 0, games),
        };
      })
      .sort(
        (a, b) =>
          b.rating - a.rating || b.games - a.games || a.model.name.localeCompare(b.model.name),
      )
      .map((row, index) => ({ rank: index + 1, ...row }));
    return { arena: input.arena, category, votes: voteCount, snapshot: null, rows };
  }

  const published = new Map(snapshot.rows.map((row) => [row.modelId, row]));
  const rated: LeaderboardRow[] = [];
  const unrated: Omit<LeaderboardRow, 'rank'>[] = [];
  for (const { model, rating } of active) {
    const elo = rating?.rating ?? ELO_INITIAL_RATING;
    const row = published.get(model.id);
    if (row) rated.push(fromSnapshot(row, ref(model), elo));
    else
      unrated.push({
        model: ref(model),
        rating: elo,
        ciLow: null,
        ciHigh: null,
        provisional: true,
        elo,
        games: 0,
        wins: 0,
        losses: 0,
        ties: 0,
        bothBad: 0,
        winRate: null,
        bothBadRate: null,
      });
  }
  // By displayed rank, as the public arenas order them; a model whose wide interval shares
  // rank 1 is listed with the leaders even if its point rating is lower.
  rated.sort(
    (a, b) => a.rank - b.rank || b.rating - a.rating || a.model.slug.localeCompare(b.model.slug),
  );
  // Unrated models rank after every rated one, together.
  const unratedRank = snapshot.rows.length + 1;
  unrated.sort((a, b) => a.model.name.localeCompare(b.model.name));
  return {
    arena: input.arena,
    category,
    votes: voteCount,
    snapshot: snapshotInfo(snapshot),
    rows: [...rated, ...unrated.map((row) => ({ rank: unratedRank, ...row }))],
  };
}

function fromSnapshot(row: SnapshotRow, model: ModelRef, elo: number): LeaderboardRow {
  return {
    rank: row.rank,
    model,
    rating: row.rating,
    ciLow: row.ciLow,
    ciHigh: row.ciHigh,
    provisional: row.provisional,
    elo,
    games: row.votes,
    wins: row.wins,
    losses: row.losses,
    ties: row.ties,
    bothBad: row.bothBad,
    winRate: rate(row.wins, row.votes),
    bothBadRate: rate(row.bothBad, row.votes),
  };
}

/**
 * Counted votes so far in the scope (live: the snapshot may be a few seconds behind), less the
 * voided ones: counted apart from the few voids, so the main count stays an index-only scan.
 */
async function countVotes(
  ctx: Pick<ServiceContext, 'db'>,
  arena: Arena,
  categoryId?: string,
): Promise<number> {
  const conditions = [eq(votes.arena, arena), eq(votes.counted, true)];
  if (categoryId) conditions.push(eq(votes.categoryId, categoryId));
  const voided = ctx.db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(voteVoids)
    .innerJoin(votes, eq(votes.id, voteVoids.voteId))
    .where(and(...conditions));
  const [row] = await ctx.db
    .select({ count: sql<number>`count(*) - (${voided})`.mapWith(Number) })
    .from(votes)
    .where(and(...conditions));
  return row?.count ?? 0;
}
