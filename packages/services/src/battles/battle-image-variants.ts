import { pixelSize, type AspectRatio, type ResolutionTier } from '@arena/core';
import {
  padWebp,
  paddedWebpMinimum,
  renderServingVariant,
  servingSize,
  SERVING_LENGTH_STEP,
} from '@arena/storage';
import { challengeImageBudget } from '../challenges/image-byte-budget';
import type { ServiceContext } from '../context';

type Ctx = Pick<ServiceContext, 'db' | 'store' | 'logger'>;

/** What serving one side of a battle needs. */
export interface BattleImageRow {
  battleId: string;
  voterId: string;
  side: 'left' | 'right';
  challengeId: string;
  aspectRatio: AspectRatio;
  resolution: ResolutionTier;
  storageKey: string;
}

/**
 * Rendered variants by token: a voter's browser fetches each image right after the battle
 * is issued (the first fetch renders it) and again on reload. Bounded; a token evicted or held
 * by another process renders again, to the same bytes.
 */
const variants = new Map<string, Promise<Buffer>>();
const MAX_VARIANTS = 256;

/**
 * One side of a battle as served: this battle's own tint of the answer (bytes never repeat
 * across battles), at the challenge's serving size, padded to the challenge's byte budget
 * (every battle image of the challenge has the same length).
 */
export function battleImageVariant(ctx: Ctx, token: string, row: BattleImageRow): Promise<Buffer> {
  const cached = variants.get(token);
  if (cached) {
    // Least recently used first out: a hit moves to the end.
    variants.delete(token);
    variants.set(token, cached);
    return cached;
  }
  const rendering = renderVariant(ctx, token, row);
  variants.set(token, rendering);
  rendering.catch(() => variants.delete(token));
  if (variants.size > MAX_VARIANTS) variants.delete(variants.keys().next().value!);
  return rendering;
}

async function renderVariant(ctx: Ctx, token: string, row: BattleImageRow): Promise<Buffer> {
  const stored = await ctx.store.get(row.storageKey);
  if (!stored) throw new Error(`image ${row.storageKey} is missing from the store`);
  const size = servingSize(pixelSize(row.aspectRatio, row.resolution));
  const [webp, budget] = await Promise.all([
    renderServingVariant(stored, size, Buffer.from(token)),
    challengeImageBudget(ctx, { challengeId: row.challengeId }),
  ]);
  const minimum = paddedWebpMinimum(webp);
  if (minimum <= budget) return padWebp(webp, budget, size);
  // The tint pushed this one past the budget: the next whole step, which says little.
  ctx.logger.warn({ challengeId: row.challengeId, minimum, budget }, 'battle image over budget');
  return padWebp(webp, Math.ceil(minimum / SERVING_LENGTH_STEP) * SERVING_LENGTH_STEP, size);
}
