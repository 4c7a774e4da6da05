import type { VoidedVote } from '@arena/contract';
import { notFound } from '@arena/core';
import { voteVoids, votes } from '@arena/db';
import { eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { requestLeaderboardRecompute } from '../leaderboards/request-recompute';
import { recordAudit } from '../operators/record-audit';
import { requestRatingsApply } from '../ratings/request-ratings-apply';
import { reverseRatingSteps } from '../ratings/reverse-rating-steps';

type Ctx = Pick<ServiceContext, 'db' | 'now' | 'queue' | 'logger'>;

/**
 * Voids one vote: votes are append-only (a trigger refuses UPDATE and DELETE), so the void is a
 * row of its own in vote_voids, and every leaderboard, challenge result and the open data leave
 * the vote out from the next recompute, requested at once; the online Elo change it made is
 * reversed. Voiding a voided vote changes
 * nothing and answers the first void.
 */
export async function voidVote(
  ctx: Ctx,
  input: { voteId: string; reason: string; operatorId: string | null },
): Promise<VoidedVote> {
  const { voteId, reason, operatorId } = input;
  const { row, changed } = await ctx.db.transaction(async (tx) => {
    const [vote] = await tx
      .select({ id: votes.id, voterId: votes.voterId })
      .from(votes)
      .where(eq(votes.id, voteId));
    if (!vote) throw notFound('vote_not_found', 'no such vote');
    const [inserted] = await tx
      .insert(voteVoids)
      .values({ voteId, operatorId, reason, createdAt: ctx.now() })
      .onConflictDoNothing()
      .returning();
    if (!inserted) {
      const [existing] = await tx.select().from(voteVoids).where(eq(voteVoids.voteId, voteId));
      return { row: existing!, changed: false };
    }
    await tx.execute(reverseRatingSteps(sql`select ${voteId}::uuid`));
    await recordAudit(
      { db: tx },
      {
        operatorId,
        action: 'vote.void',
        subjectType: 'vote',
        subjectId: voteId,
        before: { voided: false },
        after: { voided: true, reason, voterId: vote.voterId },
      },
    );
    return { row: inserted, changed: true };
  });
  if (changed) {
    await Promise.all([requestRatingsApply(ctx), requestLeaderboardRecompute(ctx, { delayMs: 0 })]);
    ctx.logger.info({ voteId }, 'vote voided');
  }
  return {
    voteId: row.voteId,
    voidedAt: row.createdAt.toISOString(),
    voidedBy: row.operatorId,
    reason: row.reason,
  };
}
