import type { RatingChange } from '@arena/contract';
import { eloChange, ELO_INITIAL_RATING, type Arena, type VoteOutcome } from '@arena/core';
import { ratings, type Database } from '@arena/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';

export interface EloUpdate {
  left: RatingChange;
  right: RatingChange;
}

/**
 * Applies one vote's online Elo step to the arena's ratings in the given scopes, inside the
 * caller's transaction. Rows are created if missing, then locked in (model id, scope) order —
 * the same order in every transaction, so concurrent votes queue instead of deadlocking, and
 * no update is lost.
 */
export async function applyElo(
  ctx: Pick<ServiceContext, 'db'>,
  input: {
    arena: Arena;
    scopes: string[];
    leftModelId: string;
    rightModelId: string;
    outcome: VoteOutcome;
    k: number;
  },
): Promise<Record<string, EloUpdate>> {
  const { arena, scopes, leftModelId, rightModelId, outcome, k } = input;
  const tx = ctx.db;
  await tx
    .insert(ratings)
    .values(
      scopes.flatMap((scope) =>
        [leftModelId, rightModelId].map((modelId) => ({
          arena,
          scope,
          modelId,
          rating: ELO_INITIAL_RATING,
        })),
      ),
    )
    .onConflictDoNothing();
  const rows = await tx
    .select()
    .from(ratings)
    .where(
      and(
        eq(ratings.arena, arena),
        inArray(ratings.scope, scopes),
        inArray(ratings.modelId, [leftModelId, rightModelId]),
      ),
    )
    .orderBy(asc(ratings.modelId), asc(ratings.scope))
    .for('update');

  const result: Record<string, EloUpdate> = {};
  for (const scope of scopes) {
    const left = rows.find((r) => r.scope === scope && r.modelId === leftModelId)!;
    const right = rows.find((r) => r.scope === scope && r.modelId === rightModelId)!;
    const change = eloChange(left.rating, right.rating, outcome, k);
    await bump(tx, arena, scope, leftModelId, change.left, outcome, 'left');
    await bump(tx, arena, scope, rightModelId, change.right, outcome, 'right');
    result[scope] = {
      left: { before: left.rating, after: left.rating + change.left, delta: change.left },
      right: { before: right.rating, after: right.rating + change.right, delta: change.right },
    };
  }
  return result;
}

async function bump(
  tx: Database,
  arena: Arena,
  scope: string,
  modelId: string,
  delta: number,
  outcome: VoteOutcome,
  side: 'left' | 'right',
) {
  const won = outcome === side;
  const lost = outcome === (side === 'left' ? 'right' : 'left');
  await tx
    .update(ratings)
    .set({
      rating: sql`${ratings.rating} + ${delta}`,
      games: sql`${ratings.games} + 1`,
      wins: sql`${ratings.wins} + ${won ? 1 : 0}`,
      losses: sql`${ratings.losses} + ${lost ? 1 : 0}`,
      ties: sql`${ratings.ties} + ${outcome === 'tie' ? 1 : 0}`,
      bothBad: sql`${ratings.bothBad} + ${outcome === 'both_bad' ? 1 : 0}`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(ratings.arena, arena), eq(ratings.scope, scope), eq(ratings.modelId, modelId)));
}
