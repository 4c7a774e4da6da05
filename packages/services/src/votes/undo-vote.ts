import type { VoteUndoResult } from '@arena/contract';
import { conflict, forbidden, gone, notFound } from '@arena/core';
import { queryRows } from '@arena/db';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { requestLeaderboardRecompute } from '../leaderboards/request-recompute';
import { requestRatingsApply } from '../ratings/request-ratings-apply';
import { reverseRatingSteps } from '../ratings/reverse-rating-steps';

/** How long after voting a vote may be taken back when the configuration does not say. */
export const DEFAULT_VOTE_UNDO_MS = 10_000;

export const UNDO_REASON = 'undone by the voter';

type Refusal = 'battle_not_yours' | 'already_undone' | 'undo_expired';

/**
 * Takes a vote back moments after it was cast, for a voter who clicked the wrong side. Votes
 * stay append-only: the undo is a vote_voids row naming the voter (every leaderboard leaves
 * voided votes out), and the online Elo steps the vote queued are reversed by queueing their
 * negation, in the same statement. The battle stays voted: its models were revealed, so it
 * cannot be judged blind again.
 */
export async function undoVote(
  ctx: Pick<ServiceContext, 'db' | 'config' | 'logger' | 'now' | 'queue'>,
  input: { battleId: string; voterId: string },
): Promise<VoteUndoResult> {
  const now = ctx.now().toISOString();
  const windowMs = ctx.config.voteUndoMs ?? DEFAULT_VOTE_UNDO_MS;
  const [row] = await queryRows<{ refused: Refusal | null; counted: boolean; undone: number }>(
    ctx.db,
    sql`
    with v as (
      select id, voter_id, counted, created_at from votes where battle_id = ${input.battleId}::uuid
    ), checked as (
      select v.*,
             case
               when v.voter_id <> ${input.voterId}::uuid then 'battle_not_yours'
               when exists (select 1 from vote_voids vv where vv.vote_id = v.id) then 'already_undone'
               when ${now}::timestamptz > v.created_at + ${windowMs}::int * interval '1 millisecond'
                 then 'undo_expired'
             end as refused
      from v
    ), undone as (
      insert into vote_voids (vote_id, undone_by, reason, created_at)
      select id, voter_id, ${UNDO_REASON}, ${now}::timestamptz from checked where refused is null
      on conflict (vote_id) do nothing
      returning vote_id
    ), reversed as (${reverseRatingSteps(sql`select vote_id from undone`)})
    select refused, counted, (select count(*) from undone)::int as undone from checked`,
  );
  if (!row) throw notFound('vote_not_found', 'this battle has no vote to take back');
  // A concurrent undo of the same vote inserted first: this one changed nothing.
  const refused = row.refused ?? (row.undone === 0 ? 'already_undone' : null);
  if (refused === 'battle_not_yours') {
    throw forbidden('battle_not_yours', 'this battle was issued to someone else');
  }
  if (refused === 'already_undone') {
    throw conflict('already_undone', 'this vote has already been taken back or voided');
  }
  if (refused === 'undo_expired') {
    throw gone('undo_expired', 'a vote can only be taken back in the first moments after it');
  }
  ctx.logger.info({ battleId: input.battleId, counted: row.counted }, 'vote undone');
  if (row.counted) {
    await Promise.all([
      requestRatingsApply(ctx),
      requestLeaderboardRecompute(ctx, { delayMs: ctx.config.leaderboard.debounceMs }),
    ]);
  }
  return { battleId: input.battleId, undone: true, counted: row.counted };
}
