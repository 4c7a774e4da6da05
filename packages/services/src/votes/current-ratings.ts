import type { RatingChange } from '@arena/contract';
import { ELO_INITIAL_RATING, type Arena } from '@arena/core';
import { ratings } from '@arena/db';
import { and, eq, inArray } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import type { EloUpdate } from './apply-elo';

/** The ratings as they stand, for a vote that does not count: no change, nothing written. */
export async function currentRatings(
  ctx: Pick<ServiceContext, 'db'>,
  input: { arena: Arena; scopes: string[]; leftModelId: string; rightModelId: string },
): Promise<Record<string, EloUpdate>> {
  const rows = await ctx.db
    .select()
    .from(ratings)
    .where(
      and(
        eq(ratings.arena, input.arena),
        inArray(ratings.scope, input.scopes),
        inArray(ratings.modelId, [input.leftModelId, input.rightModelId]),
      ),
    );
  const unchanged = (scope: string, modelId: string): RatingChange => {
    const rating =
      rows.find((r) => r.scope === scope && r.modelId === modelId)?.rating ?? ELO_INITIAL_RATING;
    return { before: rating, after: rating, delta: 0 };
  };
  return Object.fromEntries(
    input.scopes.map((scope) => [
      scope,
      { left: unchanged(scope, input.leftModelId), right: unchanged(scope, input.rightModelId) },
    ]),
  );
}
