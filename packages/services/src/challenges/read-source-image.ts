import { notFound } from '@arena/core';
import { challenges, images } from '@arena/db';
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { readStoredImage, type ImageBytes } from '../images/image-bytes';

/** A challenge's source image (for editing); public, as the prompt is. */
export async function readSourceImage(
  ctx: Pick<ServiceContext, 'db' | 'store'>,
  input: { imageId: string },
): Promise<ImageBytes> {
  const [row] = await ctx.db
    .select({ storageKey: images.storageKey, contentType: images.contentType })
    .from(images)
    .innerJoin(challenges, eq(challenges.sourceImageId, images.id))
    .where(and(eq(images.id, input.imageId), eq(images.kind, 'source')))
    .limit(1);
  if (!row) throw notFound('image_not_found', 'no such image');
  return readStoredImage(ctx, row);
}
