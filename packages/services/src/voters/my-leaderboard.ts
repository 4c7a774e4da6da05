import type { ModelRef, MyLeaderboard, MyLeaderboardRow } from '@arena/contract';
import {
  fitBradleyTerry,
  OVERALL_SCOPE,
  pairVoteFromSides,
  aggregatePairVotes,
  type Arena,
  type PairVote,
} from '@arena/core';
import { models, voteVoids, votes } from '@arena/db';
import { and, arrayContains, eq, isNull, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { latestSnapshot } from '../leaderboards/snapshot-reads';
import { agreementOf, positions } from './my-agreement';

/** Counted votes in an arena before a voter's own leaderboard is fitted. */
export const MY_LEADERBOARD_MIN_VOTES = 20;

/**
 * The ridge of a personal fit. The public boards' ridge (1e-3) only keeps an unbeaten model
 * finite; on twenty votes that would still rate a model that won its two games hundreds of
 * points clear. At 0.5 the penalty is worth a Normal prior of about 1.4 log units (245 Elo)
 * around the mean, roughly two even games per model: one vote moves a rating by tens of
 * points, not hundreds, and a few hundred votes outweigh it.
 */
export const MY_LEADERBOARD_RIDGE = 0.5;

/** Ratings are compared and ranked at a tenth of a point: finer differences are float noise. */
const tenth = (value: number) => Math.round(value * 10) / 10;

/**
 * A voter's own leaderboard in one arena: after MY_LEADERBOARD_MIN_VOTES counted votes, a
 * Bradley-Terry fit of that voter's votes alone (the public boards' fit, with a stronger
 * prior), each model beside its published rating, and how far the two orders agree.
 *
 * Cheap on purpose: one read of the voter's votes on votes_voter_created (grouped by pair and
 * outcome in SQL, so a voter with thousands of votes still sends back a few dozen rows), the
 * latest published snapshot, and the arena's models. Undone and voided votes (vote_voids) and
 * votes kept for audit only (not counted) are left out, as the public boards leave them out.
 */
export async function getMyLeaderboard(
  ctx: Pick<ServiceContext, 'db'>,
  input: { arena: Arena; voterId: string | undefined },
): Promise<MyLeaderboard> {
  const { arena, voterId } = input;
  const empty: MyLeaderboard = {
    arena,
    votes: 0,
    required: MY_LEADERBOARD_MIN_VOTES,
    rows: [],
    agreement: null,
    crowdComputedAt: null,
  };
  if (!voterId) return empty;
  const tallies = await ctx.db
    .select({
      left: votes.leftModelId,
      right: votes.rightModelId,
      outcome: votes.outcome,
      count: sql<number>`count(*)::int`,
    })
    .from(votes)
    .leftJoin(voteVoids, eq(voteVoids.voteId, votes.id))
    .where(
      and(
        eq(votes.voterId, voterId),
        eq(votes.arena, arena),
        eq(votes.counted, true),
        isNull(voteVoids.voteId),
      ),
    )
    .groupBy(votes.leftModelId, votes.rightModelId, votes.outcome);
  const voteCount = tallies.reduce((sum, tally) => sum + tally.count, 0);
  if (voteCount < MY_LEADERBOARD_MIN_VOTES) return { ...empty, votes: voteCount };

  const [snapshot, arenaModels] = await Promise.all([
    latestSnapshot(ctx, { arena, scope: OVERALL_SCOPE }),
    ctx.db
      .select({ id: models.id, slug: models.slug, name: models.name, creator: models.creator })
      .from(models)
      .where(arrayContains(models.arenas, [arena])),
  ]);
  const refs = new Map<string, ModelRef>(arenaModels.map((model) => [model.id, model]));

  // Models indexed in slug order, as the public fit indexes them.
  const ids = [...new Set(tallies.flatMap((tally) => [tally.left, tally.right]))]
    .filter((id) => refs.has(id))
    .sort((a, b) => refs.get(a)!.slug.localeCompare(refs.get(b)!.slug));
  const index = new Map(ids.map((id, i) => [id, i]));
  const pairVotes: PairVote[] = [];
  for (const tally of tallies) {
    const left = index.get(tally.left);
    const right = index.get(tally.right);
    if (left === undefined || right === undefined) continue;
    const vote = pairVoteFromSides(left, right, tally.outcome);
    for (let i = 0; i < tally.count; i += 1) pairVotes.push(vote);
  }
  const cells = aggregatePairVotes(pairVotes, ids.length);
  const fit = fitBradleyTerry(cells, ids.length, { ridge: MY_LEADERBOARD_RIDGE });
  const records = ids.map(() => ({ votes: 0, wins: 0, losses: 0, ties: 0, bothBad: 0 }));
  for (const cell of cells) {
    const a = records[cell.a]!;
    const b = records[cell.b]!;
    a.wins += cell.winsA;
    a.losses += cell.winsB;
    b.wins += cell.winsB;
    b.losses += cell.winsA;
    for (const record of [a, b]) {
      record.ties += cell.ties;
      record.bothBad += cell.bothBad;
      record.votes += cell.winsA + cell.winsB + cell.ties + cell.bothBad;
    }
  }

  const published = new Map(snapshot?.rows.map((row) => [row.modelId, row]) ?? []);
  const yours = fit.ratings.map(tenth);
  const yourPositions = positions(yours);
  const crowdIds = ids.filter((id) => published.has(id));
  const crowdPositions = new Map(
    positions(crowdIds.map((id) => published.get(id)!.rating)).map((rank, i) => [
      crowdIds[i]!,
      rank,
    ]),
  );
  const rows: MyLeaderboardRow[] = ids
    .map((id, i) => {
      const crowd = published.get(id);
      return {
        model: refs.get(id)!,
        yours: { rank: yourPositions[i]!, rating: yours[i]!, ...records[i]! },
        crowd: crowd
          ? { rank: crowdPositions.get(id)!, boardRank: crowd.rank, rating: crowd.rating }
          : null,
      };
    })
    .sort(
      (a, b) =>
        a.yours.rank - b.yours.rank ||
        (a.crowd?.rank ?? Infinity) - (b.crowd?.rank ?? Infinity) ||
        a.model.name.localeCompare(b.model.name),
    );
  const both = rows.flatMap((row) =>
    row.crowd ? [{ yours: row.yours.rating, crowd: tenth(row.crowd.rating) }] : [],
  );
  return {
    ...empty,
    votes: voteCount,
    rows,
    agreement: both.length >= 2 ? agreementOf(both) : null,
    crowdComputedAt: snapshot?.computedAt.toISOString() ?? null,
  };
}
