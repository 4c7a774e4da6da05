import {
  BANNED_FLAG,
  ELO_INITIAL_RATING,
  ELO_SCALE,
  leftScore,
  OVERALL_SCOPE,
  type VoteOutcome,
} from '@arena/core';
import { queryRows } from '@arena/db';
import { sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/** Why a vote was refused, checked in this order; null when it was recorded. */
export type VoteRefusal =
  | 'voter_banned'
  | 'battle_not_yours'
  | 'already_voted'
  | 'battle_expired'
  | 'images_not_viewed'
  | 'too_early'
  | 'challenge_closed'
  | 'human_check_required';

/** Flags that keep a voter's votes out of the ratings (they are still stored). */
const NOT_COUNTED_FLAGS = ['blocked', 'suspected_bot'];

export interface CastVoteRow {
  refused: VoteRefusal | null;
  counted: boolean;
  min_view_ms: number;
  category_id: string;
  category_slug: string;
  category_name: string;
  left_model: { id: string; slug: string; name: string; creator: string };
  right_model: { id: string; slug: string; name: string; creator: string };
  /** Per scope: the ratings before this vote and the left model's step (0 when not counted). */
  steps: { scope: string; left_before: number; right_before: number; delta: number }[];
}

export interface CastVoteInput {
  battleId: string;
  voterId: string;
  outcome: VoteOutcome;
  addressKey: string | null;
  now: Date;
  /** Votes between human checks; null when the check is off. */
  humanCheckAfterVotes: number | null;
}

/**
 * The whole vote in one statement (one round trip, planned once per connection): lock the
 * battle, check it may be voted on, mark it voted, append the vote and queue its online Elo
 * steps for the ratings consumer, and return what the reveal shows. No row shared between
 * voters is written, so concurrent votes never wait on one another; the battle row's lock
 * makes a vote posted twice count once (the second sees it voted).
 *
 * A banned voter (flag `blocked`, read from the voter row the statement locks anyway) is
 * refused before anything else.
 *
 * The human check, when on, is part of it: the voter row is locked, a pending check refuses the
 * vote, and reaching `humanCheckAfterVotes` votes since the last pass sets one (the battle
 * stays open for the same vote after a pass).
 */
export async function castVote(
  ctx: Pick<ServiceContext, 'db' | 'config'>,
  input: CastVoteInput,
): Promise<CastVoteRow | undefined> {
  return (await queryRows<CastVoteRow>(ctx.db, castVoteQuery(ctx.config, input)))[0];
}

/** The statement itself (the benchmark replays it beside the endpoint). */
export function castVoteQuery(
  config: Pick<ServiceContext['config'], 'minViewMs' | 'eloK'>,
  input: CastVoteInput,
): SQL {
  const { battleId, voterId, outcome, addressKey, humanCheckAfterVotes } = input;
  const now = input.now.toISOString();
  const checkOn = humanCheckAfterVotes !== null;
  const notCounted = sql.join(
    NOT_COUNTED_FLAGS.map((flag) => sql`${flag}`),
    sql`, `,
  );
  return sql`
    with b as (
      select b.id, b.voter_id, b.arena, b.challenge_id, b.category_id, b.expires_at, b.voted_at,
             b.left_generation_id, b.right_generation_id, b.left_seen_at, b.right_seen_at,
             gl.model_id as left_model_id, gr.model_id as right_model_id,
             ch.status as challenge_status,
             extract(epoch from (${now}::timestamptz
               - greatest(b.left_seen_at, b.right_seen_at, b.shown_at))) * 1000 as decision_ms
      from battles b
      join generations gl on gl.id = b.left_generation_id
      join generations gr on gr.id = b.right_generation_id
      join challenges ch on ch.id = b.challenge_id
      where b.id = ${battleId}::uuid
      for update of b
    ), voter as (
      select v.flags, v.human_check_required_at is not null
               and (v.human_checked_at is null or v.human_checked_at < v.human_check_required_at)
               as check_pending,
             v.human_checked_at
      from voters v where v.id = ${voterId}::uuid
      ${checkOn ? sql`for update` : sql``}
    ), checked as (
      select b.*,
             coalesce((select not (flags && array[${notCounted}]::text[]) from voter), true) as counted,
             case
               when coalesce((select flags && array[${BANNED_FLAG}]::text[] from voter), false)
                 then 'voter_banned'
               when b.voter_id <> ${voterId}::uuid then 'battle_not_yours'
               when b.voted_at is not null then 'already_voted'
               when ${now}::timestamptz > b.expires_at then 'battle_expired'
               when b.left_seen_at is null or b.right_seen_at is null then 'images_not_viewed'
               when b.decision_ms < ${config.minViewMs}::float8 then 'too_early'
               when b.challenge_status = 'closed' then 'challenge_closed'
               when ${checkOn}::boolean and (select check_pending from voter) then 'human_check_required'
               when ${checkOn}::boolean and (
                 select count(*) from votes
                 where votes.voter_id = ${voterId}::uuid
                   and votes.created_at > coalesce((select human_checked_at from voter), '-infinity')
               ) >= ${humanCheckAfterVotes ?? 0}::int then 'human_check_owed'
             end as refused
      from b
    ), owed as (
      update voters set human_check_required_at = ${now}::timestamptz
      from checked where voters.id = ${voterId}::uuid and checked.refused = 'human_check_owed'
    ), ok as (
      select * from checked where refused is null
    ), marked as (
      update battles set voted_at = ${now}::timestamptz from ok where battles.id = ok.id
    ), steps as (
      select c.arena, s.scope, c.left_model_id, c.right_model_id,
             coalesce(rl.rating, ${ELO_INITIAL_RATING}) as left_before,
             coalesce(rr.rating, ${ELO_INITIAL_RATING}) as right_before,
             case when c.refused is null and c.counted
               then ${config.eloK}::float8 * (${leftScore(outcome)}::float8 - 1 / (1 + power(10::float8,
                 (coalesce(rr.rating, ${ELO_INITIAL_RATING}) - coalesce(rl.rating, ${ELO_INITIAL_RATING}))
                 / ${ELO_SCALE}::float8)))
               else 0 end as delta
      from checked c
      cross join lateral (values (${OVERALL_SCOPE}::text), (c.category_id::text)) s(scope)
      left join ratings rl
        on rl.arena = c.arena and rl.scope = s.scope and rl.model_id = c.left_model_id
      left join ratings rr
        on rr.arena = c.arena and rr.scope = s.scope and rr.model_id = c.right_model_id
    ), cast_vote as (
      insert into votes (battle_id, voter_id, arena, challenge_id, category_id,
                         left_model_id, right_model_id, left_generation_id, right_generation_id,
                         outcome, decision_ms, counted, address_key, created_at,
                         overall_delta, category_delta)
      select id, voter_id, arena, challenge_id, category_id,
             left_model_id, right_model_id, left_generation_id, right_generation_id,
             ${outcome}::text, round(decision_ms)::int, counted, ${addressKey}::text, ${now}::timestamptz,
             case when counted then (select delta from steps where scope = ${OVERALL_SCOPE}) end,
             case when counted then (select delta from steps where scope = ok.category_id::text) end
      from ok
      returning id, counted
    ), queued as (
      insert into rating_changes (vote_id, arena, scope, left_model_id, right_model_id, outcome, delta)
      select cast_vote.id, steps.arena, steps.scope, steps.left_model_id, steps.right_model_id,
             ${outcome}::text, steps.delta
      from steps, cast_vote
      where cast_vote.counted
    )
    select case when c.refused = 'human_check_owed' then 'human_check_required' else c.refused end
             as refused,
           c.counted, ${config.minViewMs}::int as min_view_ms,
           cat.id as category_id, cat.slug as category_slug, cat.name as category_name,
           json_build_object('id', lm.id, 'slug', lm.slug, 'name', lm.name, 'creator', lm.creator)
             as left_model,
           json_build_object('id', rm.id, 'slug', rm.slug, 'name', rm.name, 'creator', rm.creator)
             as right_model,
           (select json_agg(json_build_object('scope', scope, 'left_before', left_before,
                              'right_before', right_before, 'delta', delta))
            from steps) as steps
    from checked c
    join models lm on lm.id = c.left_model_id
    join models rm on rm.id = c.right_model_id
    join categories cat on cat.id = c.category_id`;
}
