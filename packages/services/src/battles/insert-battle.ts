import type { Arena } from '@arena/core';
import { queryRows } from '@arena/db';
import { sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../context';

export interface InsertedBattle {
  id: string;
  left_image_token: string;
  right_image_token: string;
  title: string;
  prompt: string;
  source_image_id: string | null;
  category_id: string;
  category_slug: string;
  category_name: string;
}

/** How stale a voter's `last_seen_at` may get: browsing does not write on every battle. */
const LAST_SEEN_RESOLUTION = '5 minutes';

/**
 * Stores a battle in one statement, if its challenge is still open for voting and neither
 * answer has been hidden or disqualified since (the in-memory index may be a moment old): the
 * insert, and the expiry of the voter's older unvoted battles beyond `keep` counting the new
 * one (a skipped battle simply expires; what cannot happen is collecting many battles to vote
 * only on those showing a chosen model). The voter's row, which the API does not read (a
 * signed cookie names it), has its `last_seen_at` refreshed, and is restored if a database
 * restore lost it (the battle references it). Returns what the response shows, or undefined
 * when the challenge is no longer open or an answer is out.
 */
export async function insertBattle(
  ctx: Pick<ServiceContext, 'db'>,
  input: InsertBattleInput,
): Promise<InsertedBattle | undefined> {
  return (await queryRows<InsertedBattle>(ctx.db, insertBattleQuery(input)))[0];
}

export interface InsertBattleInput {
  arena: Arena;
  challengeId: string;
  leftGenerationId: string;
  rightGenerationId: string;
  /** Random per battle (opaqueId): the URLs a voter sees never repeat or name anything. */
  leftImageToken: string;
  rightImageToken: string;
  voterId: string;
  addressKey: string | null;
  issuedAt: Date;
  expiresAt: Date;
  keep: number;
}

/** The statement itself (the benchmark replays it beside the endpoint). */
/**
 * How many of the voter's latest battles beyond `keep` the expiry looks at. Every battle is
 * among the latest when the next ones are issued, so it is expired within `keep` battles of
 * its own; older ones are not scanned again (a voter's skipped battles pile up).
 */
const RECENT_SLACK = 16;

// In `expired`, battles of one voter issued at once: what one statement is expiring the other
// skips instead of waiting for it (the voter may hold one battle over the limit until their
// next). No SQL comments: the benchmark replays the statement as one line.
export function insertBattleQuery(input: InsertBattleInput): SQL {
  const { arena, challengeId, voterId } = input;
  const issuedAt = input.issuedAt.toISOString();
  return sql`
    with seen as (
      update voters set last_seen_at = ${issuedAt}::timestamptz
      where id = ${voterId}::uuid
        and last_seen_at < ${issuedAt}::timestamptz - ${LAST_SEEN_RESOLUTION}::interval
    ), restored as (
      insert into voters (id)
      select ${voterId}::uuid where not exists (select 1 from voters where id = ${voterId}::uuid)
      on conflict (id) do nothing
    ), ch as (
      select ch.id, ch.title, ch.prompt, ch.source_image_id,
             cat.id as category_id, cat.slug as category_slug, cat.name as category_name
      from challenges ch
      join categories cat on cat.id = ch.category_id
      where ch.id = ${challengeId}::uuid and ch.status = 'voting'
        and not exists (
          select 1 from generations g
          where g.id in (${input.leftGenerationId}::uuid, ${input.rightGenerationId}::uuid)
            and (g.hidden_at is not null or g.disqualified_at is not null))
    ), ins as (
      insert into battles (arena, challenge_id, category_id, left_generation_id,
                           right_generation_id, left_image_token, right_image_token, voter_id,
                           address_key, issued_at, expires_at)
      select ${arena}::text, ch.id, ch.category_id, ${input.leftGenerationId}::uuid,
             ${input.rightGenerationId}::uuid, ${input.leftImageToken}::text, ${input.rightImageToken}::text, ${voterId}::uuid,
             ${input.addressKey}::text, ${issuedAt}::timestamptz, ${input.expiresAt.toISOString()}::timestamptz
      from ch
      returning id, left_image_token, right_image_token
    ), expired as (
      update battles set expires_at = ${issuedAt}::timestamptz
      where id in (
        select id from battles
        where id in (
            select id from battles where voter_id = ${voterId}::uuid
            order by issued_at desc, id desc
            limit ${input.keep + RECENT_SLACK})
          and voted_at is null and expires_at > ${issuedAt}::timestamptz
        order by issued_at desc, id desc
        offset ${input.keep - 1}
        for update skip locked
      ) and exists (select 1 from ins)
    )
    select ins.*, ch.title, ch.prompt, ch.source_image_id,
           ch.category_id, ch.category_slug, ch.category_name
    from ins, ch`;
}
