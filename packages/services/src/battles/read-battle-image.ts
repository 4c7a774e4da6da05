import type { AspectRatio, ResolutionTier } from '@arena/core';
import { notFound } from '@arena/core';
import { rawRows } from '@arena/db';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import type { ImageBytes } from '../images/image-bytes';
import { battleImageVariant, type BattleImageRow } from './battle-image-variants';

interface SeenRow {
  battle_id: string;
  side: 'left' | 'right';
  challenge_id: string;
  aspect_ratio: AspectRatio;
  resolution: ResolutionTier;
  storage_key: string;
}

/**
 * One side of a battle, for the voter it was issued to only (anyone else, or no voter, gets
 * the same 404 as an unknown token). The first fetch of each side is recorded: a vote needs
 * both, and the viewing time runs from the later one.
 *
 * One round trip: the token lookup and, on the first fetch of that side, the record of it, in
 * one statement (a data-modifying CTE); later fetches write nothing. The variant itself is
 * served from memory once rendered (battle-image-variants.ts).
 */
export async function readBattleImage(
  ctx: Pick<ServiceContext, 'db' | 'store' | 'logger' | 'now'>,
  input: { token: string; voterId: string | undefined },
): Promise<ImageBytes> {
  if (!input.voterId) throw notFound('image_not_found', 'no such image');
  const { token, voterId } = input;
  const now = ctx.now().toISOString();
  const result = await ctx.db.execute(sql`
    with hit as (
      select b.id, b.left_image_token = ${token} as is_left, b.challenge_id,
             c.aspect_ratio, c.resolution, i.storage_key,
             case when b.left_image_token = ${token} then b.left_seen_at
                  else b.right_seen_at end as seen_at
      from battles b
      join generations g on g.id = case when b.left_image_token = ${token}
                                        then b.left_generation_id else b.right_generation_id end
      join images i on i.id = g.image_id
      join challenges c on c.id = b.challenge_id
      where (b.left_image_token = ${token} or b.right_image_token = ${token})
        and b.voter_id = ${voterId}::uuid
    ), seen as (
      update battles set
        left_seen_at = case when hit.is_left
                            then coalesce(battles.left_seen_at, ${now}::timestamptz)
                            else battles.left_seen_at end,
        right_seen_at = case when hit.is_left then battles.right_seen_at
                             else coalesce(battles.right_seen_at, ${now}::timestamptz) end
      from hit
      where battles.id = hit.id and hit.seen_at is null
    )
    select id as battle_id, case when is_left then 'left' else 'right' end as side,
           challenge_id, aspect_ratio, resolution, storage_key
    from hit`);
  const [row] = rawRows<SeenRow>(result);
  if (!row) throw notFound('image_not_found', 'no such image');
  const side: BattleImageRow = {
    battleId: row.battle_id,
    voterId,
    side: row.side,
    challengeId: row.challenge_id,
    aspectRatio: row.aspect_ratio,
    resolution: row.resolution,
    storageKey: row.storage_key,
  };
  return { bytes: await battleImageVariant(ctx, token, side), contentType: 'image/webp' };
}
