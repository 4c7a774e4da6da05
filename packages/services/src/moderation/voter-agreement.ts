import { ARENAS, OVERALL_SCOPE, type Arena } from '@arena/core';
import { votes } from '@arena/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { latestSnapshot } from '../leaderboards/snapshot-reads';

export interface Agreement {
  decisive: number;
  withBoard: number;
  share: number | null;
}

/**
 * How often a voter sides with the board: of their decisive votes (left or right) between two
 * models the arena's current overall board rates differently, the share won by the one rated
 * higher. Honest voters agree well above half of the time; a voter near a half (or far below)
 * votes at random or against the crowd. All their votes count here, voided ones included: it
 * describes the voter, not the boards.
 */
export async function voterAgreement(
  ctx: Pick<ServiceContext, 'db'>,
  voterId: string,
): Promise<Agreement> {
  const groups = await ctx.db
    .select({
      arena: votes.arena,
      left: votes.leftModelId,
      right: votes.rightModelId,
      outcome: votes.outcome,
      count: sql<number>`count(*)`.mapWith(Number),
    })
    .from(votes)
    .where(and(eq(votes.voterId, voterId), inArray(votes.outcome, ['left', 'right'])))
    .groupBy(votes.arena, votes.leftModelId, votes.rightModelId, votes.outcome);
  const arenas = ARENAS.filter((arena) => groups.some((group) => group.arena === arena));
  const ratingsOf = new Map<Arena, Map<string, number>>();
  await Promise.all(
    arenas.map(async (arena) => {
      const snapshot = await latestSnapshot(ctx, { arena, scope: OVERALL_SCOPE });
      const rows = snapshot?.rows ?? [];
      ratingsOf.set(arena, new Map(rows.map((row) => [row.modelId, row.rating] as const)));
    }),
  );
  let decisive = 0;
  let withBoard = 0;
  for (const group of groups) {
    const ratings = ratingsOf.get(group.arena);
    const left = ratings?.get(group.left);
    const right = ratings?.get(group.right);
    if (left === undefined || right === undefined || left === right) continue;
    decisive += group.count;
    const winnerHigher = group.outcome === 'left' ? left > right : right > left;
    if (winnerHigher) withBoard += group.count;
  }
  return { decisive, withBoard, share: decisive > 0 ? withBoard / decisive : null };
}
