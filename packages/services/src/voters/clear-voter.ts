import type { ClearedVoter } from '@arena/contract';
import { conflict, notFound } from '@arena/core';
import { voters } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { requestLeaderboardRecompute } from '../leaderboards/request-recompute';
import { recordAudit } from '../operators/record-audit';

/**
 * An operator's verdict that a suspected voter is honest: `cleared_at` and `cleared_by` are
 * set (the suspicion stays, for the record), the voter's votes return to the leaderboards and
 * the open data, and screening will judge only the votes cast from now on. A recompute is
 * requested at once so that the boards show it. Clearing a voter who is not suspected is a
 * conflict: there is nothing to clear.
 */
export async function clearVoter(
  ctx: Pick<ServiceContext, 'db' | 'now' | 'queue' | 'logger'>,
  input: { voterId: string; operatorId: string | null },
): Promise<ClearedVoter> {
  const cleared = await ctx.db.transaction(async (tx) => {
    const [voter] = await tx
      .select({
        id: voters.id,
        suspectedAt: voters.suspectedAt,
        clearedAt: voters.clearedAt,
      })
      .from(voters)
      .where(eq(voters.id, input.voterId))
      .for('update');
    if (!voter) throw notFound('voter_not_found', 'no such voter');
    const { suspectedAt, clearedAt: previous } = voter;
    if (!suspectedAt || (previous && previous >= suspectedAt)) {
      throw conflict('voter_not_suspected', 'this voter is not suspected');
    }
    // Never before the flag, whatever the clocks: a clearance earlier than it clears nothing.
    const clearedAt = new Date(Math.max(ctx.now().getTime(), suspectedAt.getTime()));
    await tx
      .update(voters)
      .set({ clearedAt, clearedBy: input.operatorId })
      .where(eq(voters.id, voter.id));
    await recordAudit(
      { db: tx },
      {
        operatorId: input.operatorId,
        action: 'voter.clear',
        subjectType: 'voter',
        subjectId: voter.id,
        before: { suspectedAt, clearedAt: previous },
        after: { suspectedAt, clearedAt, clearedBy: input.operatorId },
      },
    );
    return { id: voter.id, clearedAt: clearedAt.toISOString(), clearedBy: input.operatorId };
  });
  await requestLeaderboardRecompute(ctx, { delayMs: 0 });
  ctx.logger.info({ voterId: cleared.id }, 'voter cleared');
  return cleared;
}
