import type { VoterSummary } from '@arena/contract';
import type { VoterFlag } from '@arena/core';
import { voters } from '@arena/db';
import { and, desc, not, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { voterExcluded } from '../voters/exclusion';
import { voterSummary, voterSummaryColumns } from './voter-summary';

/**
 * Voters for the moderation console, most recently seen first: those with a flag, those
 * screening suspects (and has not seen cleared since) or the others, at most `limit`.
 */
export async function listModerationVoters(
  ctx: Pick<ServiceContext, 'db'>,
  input: { flag?: VoterFlag; suspected?: boolean; limit: number },
): Promise<VoterSummary[]> {
  const { flag, suspected, limit } = input;
  const rows = await ctx.db
    .select(voterSummaryColumns)
    .from(voters)
    .where(
      and(
        flag ? sql`${voters.flags} && array[${flag}]::text[]` : undefined,
        suspected === undefined ? undefined : suspected ? voterExcluded : not(voterExcluded),
      ),
    )
    .orderBy(desc(voters.lastSeenAt), voters.id)
    .limit(limit);
  return rows.map(voterSummary);
}
