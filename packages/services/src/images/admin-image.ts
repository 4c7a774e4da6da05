import { notFound } from '@arena/core';
import { images } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { readStoredImage, type ImageBytes } from './image-bytes';

/**
 * Where operators see an image: any answer or source image by its id, behind operator auth.
 * Never used for voters, who only get battle tokens and, after a close, result images.
 */
export const adminImageUrl = (imageId: string) => `/api/admin/images/${imageId}`;

/** The bytes of any stored image, for the console. */
export async function readAdminImage(
  ctx: Pick<ServiceContext, 'db' | 'store'>,
  input: { imageId: string },
): Promise<ImageBytes> {
  const [row] = await ctx.db
    .select({ storageKey: images.storageKey, contentType: images.contentType })
    .from(images)
    .where(eq(images.id, input.imageId))
    .limit(1);
  if (!row) throw notFound('image_not_found', 'no such image');
  return readStoredImage(ctx, row);
}
