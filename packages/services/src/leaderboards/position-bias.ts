import type { PositionBiasReport } from '@arena/contract';
import { OVERALL_SCOPE, positionBias, type Arena } from '@arena/core';
import type { ServiceContext } from '../context';
import { findCategory } from './find-category';
import { latestSnapshot } from './snapshot-reads';

/**
 * How often the left image wins, from the latest snapshot's side counts, with a 95% interval.
 * Sides are placed by a fair coin, so the ratings are unaffected either way; this says whether
 * voters lean to one side, which matters when reading raw win rates.
 */
export async function getPositionBias(
  ctx: Pick<ServiceContext, 'db'>,
  input: { arena: Arena; category?: string },
): Promise<PositionBiasReport> {
  const category = input.category
    ? await findCategory(ctx, { arena: input.arena, slug: input.category })
    : null;
  const snapshot = await latestSnapshot(ctx, {
    arena: input.arena,
    scope: category?.id ?? OVERALL_SCOPE,
  });
  const leftWins = snapshot?.leftWins ?? 0;
  const rightWins = snapshot?.rightWins ?? 0;
  return {
    arena: input.arena,
    category,
    leftWins,
    rightWins,
    ...positionBias({ leftWins, rightWins }),
    computedAt: snapshot?.computedAt.toISOString() ?? null,
  };
}
