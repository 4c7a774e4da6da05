import { createHash } from 'node:crypto';
import { BANNED_FLAG } from '@arena/core';
import { voteVoids, voters, votes } from '@arena/db';
import { and, eq, or, sql, type SQL } from 'drizzle-orm';
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
 *
 * Operators' moderation leaves votes out the same way: a BANNED voter (flag `blocked`) is
 * excluded with all their votes, whatever screening says; a VOIDED vote (a row in vote_voids)
 * is left out on its own.
 */
export interface ExcludedVoter {
  id: string;
  /** Votes cast after this moment are excluded; null: all of them. */
  clearedAt: Date | null;
}

/** SQL predicate on `voters`: the voter is excluded now. */
export const voterExcluded: SQL = sql`(${voters.suspectedAt} is not null and (${voters.clearedAt} is null or ${voters.clearedAt} < ${voters.suspectedAt}))`;

/** SQL predicate on `voters`: an operator banned the voter. */
export const voterBanned: SQL = sql`(${voters.flags} && array[${BANNED_FLAG}]::text[])`;

/**
 * The excluded voters, suspected or banned: a few rows (the partial indexes `voters_suspected`
 * and `voters_banned` hold just them).
 */
export async function excludedVoters(ctx: Pick<ServiceContext, 'db'>): Promise<ExcludedVoter[]> {
  const rows = await ctx.db
    .select({
      id: voters.id,
      clearedAt: voters.clearedAt,
      banned: sql<boolean>`${voterBanned}`,
    })
    .from(voters)
    .where(or(voterExcluded, voterBanned))
    .orderBy(voters.id);
  // A ban excludes every vote, whatever was cleared before it.
  return rows.map((row) => ({ id: row.id, clearedAt: row.banned ? null : row.clearedAt }));
}

/** SQL predicate on `votes`: an operator voided the vote (one probe of vote_voids' key). */
export const voteVoided: SQL = sql`exists (select 1 from ${voteVoids} where ${voteVoids.voteId} = ${votes.id})`;

/**
 * SQL predicate on `votes`, row by row: the vote is off the boards (voided, or its voter is
 * banned, or it is a suspected voter's vote since their last clearance). Two key probes a vote:
 * for reads of a few votes (an attempt's record, one voter). The reads of every vote use the
 * excluded voters' list and the voids' tallies instead (leaderboards/excluded-votes.ts).
 */
export const voteOffBoards: SQL = sql`(${voteVoided} or exists (
  select 1 from voters ev where ev.id = ${votes.voterId}
    and (ev.flags && array[${BANNED_FLAG}]::text[]
      or (ev.suspected_at is not null and (ev.cleared_at is null or ev.cleared_at < ev.suspected_at)
          and ${votes.createdAt} > coalesce(ev.cleared_at, '-infinity'::timestamptz)))))`;

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
export function exclusionFingerprint(
  excluded: Iterable<ExcludedVoter>,
  /** Voided votes in the scope: voids are only ever added, so their number tells them apart. */
  voided = 0,
): string | undefined {
  const keys = [...excluded]
    .map((voter) => `${voter.id}@${voter.clearedAt?.toISOString() ?? ''}`)
    .sort();
  if (voided > 0) keys.push(`voided:${voided}`);
  if (keys.length === 0) return undefined;
  return createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 16);
}
