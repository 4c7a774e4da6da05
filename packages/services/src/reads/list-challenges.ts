import type { ChallengeSummary, ModelRef } from '@arena/contract';
import type { Arena, ChallengeStatus } from '@arena/core';
import { categories, challenges, generations, models, voteVoids, votes } from '@arena/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { challengeScope } from '../leaderboards/scopes';
import { latestSnapshots, type Snapshot } from '../leaderboards/snapshot-reads';

type Ctx = Pick<ServiceContext, 'db'>;

const countWhere = (status: string) =>
  sql<number>`count(${generations.id}) filter (where ${generations.status} = ${status})`.mapWith(
    Number,
  );

/*
 * An open challenge's counted votes (voided and undone ones left out), counted live: a probe of
 * the votes_tally index on (arena, challenge), so it costs that challenge's votes, not the
 * table's. A closed challenge
 * takes its count from its published results instead (which also leave excluded voters out).
 */
const liveVotes = sql<number>`case when ${challenges.status} = 'closed' then 0 else (
  select count(*) from ${votes} v
  where v.arena = ${challenges.arena} and v.challenge_id = ${challenges.id} and v.counted
    and not exists (select 1 from ${voteVoids} vv where vv.vote_id = v.id)
) end`.mapWith(Number);

/** The published result of each closed challenge, by challenge id. */
async function closedResults(
  ctx: Ctx,
  closed: ReadonlyArray<{ id: string; arena: Arena }>,
): Promise<Map<string, Snapshot>> {
  const byArena = new Map<Arena, string[]>();
  for (const { id, arena } of closed) byArena.set(arena, [...(byArena.get(arena) ?? []), id]);
  const found = await Promise.all(
    [...byArena].map(([arena, ids]) =>
      latestSnapshots(ctx, { arena, scopes: ids.map(challengeScope) }),
    ),
  );
  const results = new Map<string, Snapshot>();
  for (const snapshots of found) {
    for (const [scope, snapshot] of snapshots) {
      results.set(scope.slice(challengeScope('').length), snapshot);
    }
  }
  return results;
}

/** The top of a challenge's own leaderboard: best rank, then highest rating. */
function winnerId(snapshot: Snapshot | undefined): string | null {
  const rated = (snapshot?.rows ?? []).filter((row) => row.votes > 0);
  rated.sort((a, b) => a.rank - b.rank || b.rating - a.rating);
  return rated[0]?.modelId ?? null;
}

/**
 * Challenges with their generation progress and votes, and the winner of each closed one;
 * drafts are for operators and left out.
 */
export async function listChallenges(
  ctx: Ctx,
  input: { arena?: Arena; status?: ChallengeStatus },
): Promise<ChallengeSummary[]> {
  const conditions = [sql`${challenges.status} <> 'draft'`];
  if (input.arena) conditions.push(eq(challenges.arena, input.arena));
  if (input.status) conditions.push(eq(challenges.status, input.status));
  const rows = await ctx.db
    .select({
      challenge: challenges,
      category: { id: categories.id, slug: categories.slug, name: categories.name },
      total: sql<number>`count(${generations.id})`.mapWith(Number),
      succeeded: countWhere('succeeded'),
      failed: countWhere('failed'),
      liveVotes,
    })
    .from(challenges)
    .innerJoin(categories, eq(categories.id, challenges.categoryId))
    .leftJoin(generations, eq(generations.challengeId, challenges.id))
    .where(and(...conditions))
    .groupBy(challenges.id, categories.id)
    .orderBy(asc(challenges.arena), asc(challenges.title));

  const closed = rows
    .filter(({ challenge }) => challenge.status === 'closed')
    .map(({ challenge }) => ({ id: challenge.id, arena: challenge.arena }));
  const results = closed.length > 0 ? await closedResults(ctx, closed) : new Map();
  const winnerIds = [
    ...new Set(closed.map(({ id }) => winnerId(results.get(id))).filter((id) => id !== null)),
  ];
  const winners: ModelRef[] =
    winnerIds.length > 0
      ? await ctx.db
          .select({ id: models.id, slug: models.slug, name: models.name, creator: models.creator })
          .from(models)
          .where(inArray(models.id, winnerIds))
      : [];
  const winnerById = new Map(winners.map((model) => [model.id, model]));

  return rows.map(({ challenge, category, total, succeeded, failed, liveVotes }) => {
    const result = results.get(challenge.id);
    const winner = challenge.status === 'closed' ? winnerId(result) : null;
    return {
      id: challenge.id,
      slug: challenge.slug,
      title: challenge.title,
      arena: challenge.arena,
      category,
      prompt: challenge.prompt,
      status: challenge.status,
      size: `${challenge.aspectRatio} ${challenge.resolution}`,
      generations: { total, succeeded, failed, pending: total - succeeded - failed },
      votes: challenge.status === 'closed' ? (result?.voteCount ?? 0) : liveVotes,
      openedAt: challenge.openedAt?.toISOString() ?? null,
      closedAt: challenge.closedAt?.toISOString() ?? null,
      winner: winner === null ? null : (winnerById.get(winner) ?? null),
    };
  });
}
