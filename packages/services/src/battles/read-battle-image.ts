import { notFound } from '@arena/core';
import { battles } from '@arena/db';
import { eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import type { ImageBytes } from '../images/image-bytes';
import { battleImageVariant, loadBattleImage } from './battle-image-variants';

/**
 * One side of a battle, for the voter it was issued to only (anyone else, or no voter, gets
 * the same 404 as an unknown token). The first fetch of each side is recorded: a vote needs
 * both, and the viewing time runs from the later one.
 */
export async function readBattleImage(
  ctx: Pick<ServiceContext, 'db' | 'store' | 'logger' | 'now'>,
  input: { token: string; voterId: string | undefined },
): Promise<ImageBytes> {
  const row = await loadBattleImage(ctx, { token: input.token });
  if (!row || !input.voterId || row.voterId !== input.voterId) {
    throw notFound('image_not_found', 'no such image');
  }
  const now = sql`${ctx.now().toISOString()}::timestamptz`;
  await ctx.db
    .update(battles)
    .set(
      row.side === 'left'
        ? { leftSeenAt: sql`coalesce(${battles.leftSeenAt}, ${now})` }
        : { rightSeenAt: sql`coalesce(${battles.rightSeenAt}, ${now})` },
    )
    .where(eq(battles.id, row.battleId));
  return { bytes: await battleImageVariant(ctx, input.token, row), contentType: 'image/webp' };
}
