import type { BattleShown } from '@arena/contract';
import { conflict, forbidden, gone, notFound } from '@arena/core';
import { queryRows } from '@arena/db';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';

type Refusal = 'battle_not_yours' | 'already_voted' | 'battle_expired';

/**
 * Records that the voter now has both answers on screen. The page fetches the next battle's
 * images during the reveal of the last one, which already stamps them seen; from this moment
 * the minimum viewing time counts again (cast-vote takes the latest of the fetches and this),
 * so prefetching never shortens it. One statement; repeated calls only move it later.
 */
export async function markBattleShown(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { battleId: string; voterId: string },
): Promise<BattleShown> {
  const now = ctx.now().toISOString();
  const [row] = await queryRows<{ refused: Refusal | null }>(
    ctx.db,
    sql`
    with b as (
      select id, voter_id, voted_at, expires_at from battles where id = ${input.battleId}::uuid
    ), checked as (
      select b.id,
             case
               when b.voter_id <> ${input.voterId}::uuid then 'battle_not_yours'
               when b.voted_at is not null then 'already_voted'
               when ${now}::timestamptz > b.expires_at then 'battle_expired'
             end as refused
      from b
    ), marked as (
      update battles set shown_at = ${now}::timestamptz
      from checked where battles.id = checked.id and checked.refused is null
    )
    select refused from checked`,
  );
  if (!row) throw notFound('battle_not_found', 'no such battle');
  if (row.refused === 'battle_not_yours') {
    throw forbidden('battle_not_yours', 'this battle was issued to someone else');
  }
  if (row.refused === 'already_voted') {
    throw conflict('already_voted', 'this battle has already been voted on');
  }
  if (row.refused === 'battle_expired') {
    throw gone('battle_expired', 'this battle has expired; ask for a new one');
  }
  return { battleId: input.battleId, shownAt: now };
}
