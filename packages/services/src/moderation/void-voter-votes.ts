import type { VoidedVoterVotes } from '@arena/contract';
import { notFound } from '@arena/core';
import { queryRows, voters } from '@arena/db';
import { eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { requestLeaderboardRecompute } from '../leaderboards/request-recompute';
import { recordAudit } from '../operators/record-audit';
import { reverseRatingSteps } from '../ratings/reverse-rating-steps';
import { requestRatingsApply } from '../ratings/request-ratings-apply';

type Ctx = Pick<ServiceContext, 'db' | 'now' | 'queue' | 'logger'>;

/**
 * Voids every vote a voter has cast so far (one void row per vote, in one statement on the
 * votes_voter_created index); votes already voided keep their first void. The votes leave
 * every board from the next recompute, requested at once, and the online Elo changes they made
 * are reversed. A voter's later votes are not
 * voided: ban the voter to stop them.
 */
export async function voidVoterVotes(
  ctx: Ctx,
  input: { voterId: string; reason: string; operatorId: string | null },
): Promise<VoidedVoterVotes> {
  const { voterId, reason, operatorId } = input;
  const at = ctx.now().toISOString();
  const result = await ctx.db.transaction(async (tx) => {
    const [voter] = await tx
      .select({ id: voters.id })
      .from(voters)
      .where(eq(voters.id, voterId))
      .for('update');
    if (!voter) throw notFound('voter_not_found', 'no such voter');
    const [counts] = await queryRows<{ voided: number; already: number }>(
      tx,
      sql`
        with theirs as (
          select v.id, exists (select 1 from vote_voids vv where vv.vote_id = v.id) as voided
          from votes v where v.voter_id = ${voterId}::uuid
        ), inserted as (
          insert into vote_voids (vote_id, operator_id, reason, created_at)
          select id, ${operatorId}::uuid, ${reason}::text, ${at}::timestamptz
          from theirs where not voided
          on conflict (vote_id) do nothing
          returning vote_id
        ), reversed as (${reverseRatingSteps(sql`select vote_id from inserted`)})
        select (select count(*) from inserted)::int as voided,
               (select count(*) from theirs where voided)::int as already`,
    );
    const { voided, already } = counts!;
    if (voided > 0) {
      await recordAudit(
        { db: tx },
        {
          operatorId,
          action: 'voter.void-votes',
          subjectType: 'voter',
          subjectId: voterId,
          before: { voided: already },
          after: { voided: already + voided, reason },
        },
      );
    }
    return { voterId, voided, alreadyVoided: already };
  });
  if (result.voided > 0) {
    await Promise.all([requestRatingsApply(ctx), requestLeaderboardRecompute(ctx, { delayMs: 0 })]);
    ctx.logger.info({ voterId, voided: result.voided }, "voter's votes voided");
  }
  return result;
}
