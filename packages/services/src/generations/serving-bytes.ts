import { pixelSize, type AspectRatio, type ResolutionTier } from '@arena/core';
import { servingLength, servingSize } from '@arena/storage';
import type { ServiceContext } from '../context';
import type { StoredImage } from '../images/store-image';

/**
 * A stored answer's length as battles will serve it, measured once here, where its image was
 * just stored (the worker), rather than when the first voter asks for it. Null if it cannot
 * be measured now: the first battle of the challenge measures it then.
 */
export async function servingBytesOf(
  ctx: Pick<ServiceContext, 'store' | 'logger'>,
  input: { image: StoredImage; aspectRatio: AspectRatio; resolution: ResolutionTier },
): Promise<number | null> {
  try {
    const stored = await ctx.store.get(input.image.storageKey);
    if (!stored) return null;
    return await servingLength(stored, servingSize(pixelSize(input.aspectRatio, input.resolution)));
  } catch (error) {
    ctx.logger.warn({ err: error, imageId: input.image.id }, 'could not measure serving length');
    return null;
  }
}
