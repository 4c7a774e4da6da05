import { OVERALL_SCOPE, type Arena } from '@arena/core';
import { categories, challenges, generations, leaderboardSnapshots, models } from '@arena/db';
import { closeChallenge, recomputeLeaderboards } from '@arena/services';
import { insertVotes, tournament, type VoteSpec } from '@arena/testing';
import { and, desc, eq } from 'drizzle-orm';
import type { TestArena } from './arena';
import { challengeId } from './db';

export const ALPHA = 'alpha-image';
export const BETA = 'beta-diffusion';
export const GAMMA = 'gamma-gen';
export const DELTA = 'delta-draw';

/**
 * Hand-made votes with known answers. Rainy street (photorealism): alpha > beta > gamma >
 * delta, 40 to 10 per pair; alpha's wins all on attempt 2, its losses on attempt 3. Cafe logo
 * (logo & typography): delta > gamma > beta, 40 to 10; alpha only meets beta there, once each
 * way and once tied; gamma and beta are judged both bad three times. Night sky (image
 * editing) gets no vote.
 */
export function resultVotes(): VoteSpec[] {
  return [
    ...tournament('rainy-street', [ALPHA, BETA, GAMMA, DELTA], 40, 10, (model, k) =>
      model === ALPHA ? (k < 40 ? 2 : 3) : 1,
    ),
    ...tournament('cafe-logo', [DELTA, GAMMA, BETA], 40, 10),
    { challenge: 'cafe-logo', left: [ALPHA, 1], right: [BETA, 1], outcome: 'left' },
    { challenge: 'cafe-logo', left: [ALPHA, 1], right: [BETA, 2], outcome: 'right' },
    { challenge: 'cafe-logo', left: [BETA, 1], right: [ALPHA, 2], outcome: 'tie' },
    ...Array.from({ length: 3 }, (): VoteSpec => ({
      challenge: 'cafe-logo',
      left: [GAMMA, 1],
      right: [BETA, 3],
      outcome: 'both_bad',
    })),
  ];
}

/**
 * The arena the result views are read from: the votes above, the leaderboards recomputed, and
 * rainy street and cafe logo closed (their results published); night sky stays open.
 */
export async function publishResults(arena: TestArena): Promise<void> {
  const ctx = arena.runtime.ctx;
  await insertVotes(ctx.db, resultVotes());
  await recomputeLeaderboards(ctx);
  for (const slug of ['rainy-street', 'cafe-logo']) {
    await closeChallenge(ctx, { challengeId: await challengeId(arena, slug), operatorId: null });
  }
}

/** The image id of one attempt of a model in a challenge. */
export async function attemptImageId(
  arena: TestArena,
  model: string,
  challenge: string,
  attempt: number,
): Promise<string> {
  const [row] = await arena.runtime.ctx.db
    .select({ imageId: generations.imageId })
    .from(generations)
    .innerJoin(models, eq(models.id, generations.modelId))
    .innerJoin(challenges, eq(challenges.id, generations.challengeId))
    .where(
      and(eq(models.slug, model), eq(challenges.slug, challenge), eq(generations.attempt, attempt)),
    );
  return row!.imageId!;
}

/** The latest snapshot of an arena overall, or of one of its categories by slug. */
export async function latestSnapshot(arena: TestArena, arenaName: Arena, category?: string) {
  const db = arena.runtime.ctx.db;
  let scope = OVERALL_SCOPE;
  if (category) {
    const [row] = await db.select().from(categories).where(eq(categories.slug, category));
    scope = row!.id;
  }
  const [snapshot] = await db
    .select()
    .from(leaderboardSnapshots)
    .where(and(eq(leaderboardSnapshots.arena, arenaName), eq(leaderboardSnapshots.scope, scope)))
    .orderBy(desc(leaderboardSnapshots.computedAt))
    .limit(1);
  return snapshot;
}
