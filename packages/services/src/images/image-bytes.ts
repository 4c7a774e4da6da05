import { notFound } from '@arena/core';
import type { ServiceContext } from '../context';

/** Image bytes as the API serves them. */
export interface ImageBytes {
  bytes: Buffer;
  contentType: string;
}

/** The stored bytes behind an image row, or 404 when the store has lost them. */
export async function readStoredImage(
  ctx: Pick<ServiceContext, 'store'>,
  input: { storageKey: string; contentType: string },
): Promise<ImageBytes> {
  const bytes = await ctx.store.get(input.storageKey);
  if (!bytes) throw notFound('image_not_found', 'no such image');
  return { bytes, contentType: input.contentType };
}
