import { createHash } from 'node:crypto';
import { voters, votes } from '@arena/db';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/**
 * Which votes screening keeps out of the leaderboards and the open data.
 *
 * A voter is EXCLUDED while `suspected_at` is set and no clearance came after it:
 * `suspected_at is not null and (cleared_at is null or cleared_at < suspected_at)`. Clearing
 * sets `cleared_at` (and keeps the suspicion for the record); screening again after a clearance
 * judges only later votes and, if it flags them, sets a newer `suspected_at`.
 *
 * The excluded votes of an excluded voter are the counted ones cast after their last clearance
 * (all of them if never cleared): exactly the votes screening judged. Votes an operator cleared
 * stay on the boards. They are still stored (votes are append-only).
 */
export interface ExcludedVoter {
  id: string;
  /** Votes cast after this moment are excluded; null: all of them. */
  clearedAt: Date | null;
}

/** SQL predicate on `voters`: the voter is excluded now. */
export const voterExcluded: SQL = sql`(${voters.suspectedAt} is not null and (${voters.clearedAt} is null or ${voters.clearedAt} < ${voters.suspectedAt}))`;

/** The excluded voters: a few rows, read through the partial index voters_suspected. */
export async function excludedVoters(ctx: Pick<ServiceContext, 'db'>): Promise<ExcludedVoter[]> {
  return ctx.db
    .select({ id: voters.id, clearedAt: voters.clearedAt })
    .from(voters)
    .where(voterExcluded)
    .orderBy(voters.id);
}

/**
 * SQL predicate on `votes`: the vote is one of the excluded voters' excluded votes. Written out
 * per voter (there are few) so that it is evaluated in the database, to the microsecond, the
 * same way by the tallies that subtract these votes and by the export that leaves them out.
 */
export function excludedVotesCondition(excluded: readonly ExcludedVoter[]): SQL | undefined {
  if (excluded.length === 0) return undefined;
  const always = excluded.filter((voter) => voter.clearedAt === null).map((voter) => voter.id);
  const parts: SQL[] = excluded.flatMap((voter) =>
    voter.clearedAt === null
      ? []
      : [
          sql`(${votes.voterId} = ${voter.id}::uuid and ${votes.createdAt} > ${voter.clearedAt.toISOString()}::timestamptz)`,
        ],
  );
  if (always.length > 0) {
    parts.unshift(
      sql`${votes.voterId} in (${sql.join(
        always.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  }
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** Counted votes of the excluded voters, by voter: the `eq` keeps the planner on the index. */
export function countedExcludedVotes(excluded: readonly ExcludedVoter[]): SQL | undefined {
  const condition = excludedVotesCondition(excluded);
  return condition && and(eq(votes.counted, true), condition);
}

/**
 * A short fingerprint of a set of excluded voters (with their clearance), stored with each
 * snapshot: flagging one voter and clearing another can leave every vote count equal, and the
 * fingerprint is what tells the recompute that the board changed all the same. Undefined for
 * the empty set, so that snapshots written with nobody excluded compare as before.
 */
export function exclusionFingerprint(excluded: Iterable<ExcludedVoter>): string | undefined {
  const keys = [...excluded]
    .map((voter) => `${voter.id}@${voter.clearedAt?.toISOString() ?? ''}`)
    .sort();
  if (keys.length === 0) return undefined;
  return createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 16);
}
