import type { ReportedVote, VoterReport } from '@arena/contract';
import { notFound } from '@arena/core';
import { challenges, models, voteVoids, voters, votes } from '@arena/db';
import { desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ServiceContext } from '../context';
import { voteOffBoards, voteVoided } from '../voters/exclusion';
import { voterAgreement } from './voter-agreement';
import { voterSummary, voterSummaryColumns } from './voter-summary';

/** Recent votes shown in a report. */
const RECENT = 20;

const count = (condition?: SQL) =>
  (condition ? sql<number>`count(*) filter (where ${condition})` : sql<number>`count(*)`).mapWith(
    Number,
  );

/**
 * What an operator reads about one voter before acting: flags and screening, their votes
 * (cast, on the boards now, voided, set aside), how fast they decide (median time from the
 * later image's first view to the vote), how often they side with the board
 * (voter-agreement.ts), and their latest votes. Reads only this voter's votes
 * (votes_voter_created).
 */
export async function voterReport(
  ctx: Pick<ServiceContext, 'db'>,
  input: { voterId: string },
): Promise<VoterReport> {
  const { voterId } = input;
  const [voter] = await ctx.db
    .select(voterSummaryColumns)
    .from(voters)
    .where(eq(voters.id, voterId));
  if (!voter) throw notFound('voter_not_found', 'no such voter');
  const [figures, agreement, recent] = await Promise.all([
    ctx.db
      .select({
        total: count(),
        voided: count(voteVoided),
        counted: count(sql`${votes.counted} and not ${voteOffBoards}`),
        medianDecisionMs: sql<
          number | string | null
        >`percentile_cont(0.5) within group (order by ${votes.decisionMs})`,
      })
      .from(votes)
      .where(eq(votes.voterId, voterId)),
    voterAgreement(ctx, voterId),
    recentVotes(ctx, voterId),
  ]);
  const { total, voided, counted, medianDecisionMs } = figures[0]!;
  return {
    ...voterSummary(voter),
    votes: { total, counted, voided, setAside: total - counted - voided },
    speed: { medianDecisionMs: medianDecisionMs === null ? null : Number(medianDecisionMs) },
    agreement,
    recentVotes: recent,
  };
}

const leftModel = alias(models, 'left_model');
const rightModel = alias(models, 'right_model');

async function recentVotes(
  ctx: Pick<ServiceContext, 'db'>,
  voterId: string,
): Promise<ReportedVote[]> {
  const rows = await ctx.db
    .select({
      id: votes.id,
      createdAt: votes.createdAt,
      arena: votes.arena,
      challenge: { id: challenges.id, slug: challenges.slug, title: challenges.title },
      left: { id: leftModel.id, slug: leftModel.slug, name: leftModel.name },
      right: { id: rightModel.id, slug: rightModel.slug, name: rightModel.name },
      outcome: votes.outcome,
      decisionMs: votes.decisionMs,
      counted: sql<boolean>`${votes.counted} and not ${voteOffBoards}`,
      voidedAt: voteVoids.createdAt,
      voidReason: voteVoids.reason,
    })
    .from(votes)
    .innerJoin(challenges, eq(challenges.id, votes.challengeId))
    .innerJoin(leftModel, eq(leftModel.id, votes.leftModelId))
    .innerJoin(rightModel, eq(rightModel.id, votes.rightModelId))
    .leftJoin(voteVoids, eq(voteVoids.voteId, votes.id))
    .where(eq(votes.voterId, voterId))
    .orderBy(desc(votes.createdAt), desc(votes.id))
    .limit(RECENT);
  return rows.map(({ voidedAt, voidReason, ...row }) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
    counted: row.counted === true,
    void: voidedAt ? { at: voidedAt.toISOString(), reason: voidReason } : null,
  }));
}
