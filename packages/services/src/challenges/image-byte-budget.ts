import { pixelSize } from '@arena/core';
import { challenges, generations, images } from '@arena/db';
import { servingByteBudget, servingLength, servingSize } from '@arena/storage';
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';

type Ctx = Pick<ServiceContext, 'db' | 'store'>;

/** Budgets by challenge: a voting challenge's answers never change, so neither does it. */
const budgets = new Map<string, Promise<number>>();
const MAX_BUDGETS = 1024;

/**
 * The length every battle image of a challenge is served at: above its largest answer as
 * served (each generation measured when its image was stored; measured here for any that was
 * not), in whole steps. Deterministic, so every process agrees.
 */
export function challengeImageBudget(ctx: Ctx, input: { challengeId: string }): Promise<number> {
  const known = budgets.get(input.challengeId);
  if (known) return known;
  const measuring = measureBudget(ctx, input.challengeId);
  budgets.set(input.challengeId, measuring);
  measuring.catch(() => budgets.delete(input.challengeId));
  if (budgets.size > MAX_BUDGETS) budgets.delete(budgets.keys().next().value!);
  return measuring;
}

async function measureBudget(ctx: Ctx, challengeId: string): Promise<number> {
  const answers = await ctx.db
    .select({
      id: generations.id,
      servingBytes: generations.servingBytes,
      storageKey: images.storageKey,
      aspectRatio: challenges.aspectRatio,
      resolution: challenges.resolution,
    })
    .from(generations)
    .innerJoin(images, eq(images.id, generations.imageId))
    .innerJoin(challenges, eq(challenges.id, generations.challengeId))
    .where(and(eq(generations.challengeId, challengeId), eq(generations.status, 'succeeded')));
  const lengths: number[] = [];
  for (const answer of answers) {
    if (answer.servingBytes !== null) {
      lengths.push(answer.servingBytes);
      continue;
    }
    // An image stored before lengths were measured at generation.
    const stored = await ctx.store.get(answer.storageKey);
    if (!stored) continue;
    const size = servingSize(pixelSize(answer.aspectRatio, answer.resolution));
    const length = await servingLength(stored, size);
    await ctx.db
      .update(generations)
      .set({ servingBytes: length })
      .where(eq(generations.id, answer.id));
    lengths.push(length);
  }
  return servingByteBudget(lengths);
}
