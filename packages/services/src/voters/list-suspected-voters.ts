import type { SuspectedVoter } from '@arena/contract';
import { voters, votes } from '@arena/db';
import { desc, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { countedExcludedVotes, voterExcluded } from './exclusion';

/**
 * The voters screening keeps off the boards now (excluded, see exclusion.ts), most recently
 * flagged first, each with the reasons and the number of counted votes set aside.
 */
export async function listSuspectedVoters(
  ctx: Pick<ServiceContext, 'db'>,
): Promise<SuspectedVoter[]> {
  const rows = await ctx.db
    .select({
      id: voters.id,
      suspectedAt: voters.suspectedAt,
      suspicion: voters.suspicion,
      clearedAt: voters.clearedAt,
    })
    .from(voters)
    .where(voterExcluded)
    .orderBy(desc(voters.suspectedAt), voters.id);
  const condition = countedExcludedVotes(rows);
  const counts = condition
    ? await ctx.db
        .select({ voterId: votes.voterId, votes: sql<number>`count(*)::int` })
        .from(votes)
        .where(condition)
        .groupBy(votes.voterId)
    : [];
  const votesOf = new Map(counts.map((row) => [row.voterId, row.votes]));
  return rows.map((row) => ({
    id: row.id,
    suspectedAt: row.suspectedAt!.toISOString(),
    reasons: row.suspicion?.reasons ?? [],
    votes: votesOf.get(row.id) ?? 0,
  }));
}
