import { notFound } from '@arena/core';
import { challenges, generations, images } from '@arena/db';
import { and, eq, isNull } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { readStoredImage, type ImageBytes } from '../images/image-bytes';

/**
 * A published attempt's image, by its image id. Image ids are random and appear in no battle
 * (battles use per-battle tokens), and this answers only for challenges that are closed: while a
 * challenge is open, no URL ties an image to its model. Anything else is a plain 404.
 */
export async function readResultImage(
  ctx: Pick<ServiceContext, 'db' | 'store'>,
  input: { imageId: string },
): Promise<ImageBytes> {
  const [row] = await ctx.db
    .select({ storageKey: images.storageKey, contentType: images.contentType })
    .from(images)
    .innerJoin(generations, eq(generations.imageId, images.id))
    .innerJoin(challenges, eq(challenges.id, generations.challengeId))
    .where(
      and(
        eq(images.id, input.imageId),
        eq(images.kind, 'generation'),
        eq(generations.status, 'succeeded'),
        eq(challenges.status, 'closed'),
        // A moderator's hidden image leaves the galleries.
        isNull(generations.hiddenAt),
      ),
    )
    .limit(1);
  if (!row) throw notFound('image_not_found', 'no such image');
  return readStoredImage(ctx, row);
}
