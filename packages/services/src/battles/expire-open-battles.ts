import { battles } from '@arena/db';
import { and, desc, eq, gt, isNull, notInArray } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/**
 * A voter holds at most `keep` unvoted battles: the newest stay, older ones expire now. A
 * skipped battle simply expires; what cannot happen is collecting many battles to vote only
 * on the ones that show a chosen model.
 */
export async function expireOpenBattlesBeyond(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { voterId: string; keep: number },
): Promise<void> {
  const now = ctx.now();
  const open = and(
    eq(battles.voterId, input.voterId),
    isNull(battles.votedAt),
    gt(battles.expiresAt, now),
  );
  const newest = await ctx.db
    .select({ id: battles.id })
    .from(battles)
    .where(open)
    .orderBy(desc(battles.issuedAt), desc(battles.id))
    .limit(input.keep);
  if (newest.length < input.keep) return;
  await ctx.db
    .update(battles)
    .set({ expiresAt: now })
    .where(
      and(
        open,
        notInArray(
          battles.id,
          newest.map((row) => row.id),
        ),
      ),
    );
}
