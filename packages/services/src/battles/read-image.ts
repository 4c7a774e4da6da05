import { notFound } from '@arena/core';
import { battles, challenges, generations, images } from '@arena/db';
import { and, eq, or } from 'drizzle-orm';
import type { ServiceContext } from '../context';

export interface ImageBytes {
  bytes: Buffer;
  contentType: string;
}

async function readStored(
  ctx: Pick<ServiceContext, 'store'>,
  storageKey: string,
  contentType: string,
) {
  const bytes = await ctx.store.get(storageKey);
  if (!bytes) throw notFound('image_not_found', 'no such image');
  return { bytes, contentType };
}

/** The image behind a battle token (either side). */
export async function readBattleImage(
  ctx: Pick<ServiceContext, 'db' | 'store'>,
  token: string,
): Promise<ImageBytes> {
  const [row] = await ctx.db
    .select({ storageKey: images.storageKey, contentType: images.contentType })
    .from(battles)
    .innerJoin(
      generations,
      or(
        and(eq(battles.leftImageToken, token), eq(generations.id, battles.leftGenerationId)),
        and(eq(battles.rightImageToken, token), eq(generations.id, battles.rightGenerationId)),
      ),
    )
    .innerJoin(images, eq(images.id, generations.imageId))
    .where(or(eq(battles.leftImageToken, token), eq(battles.rightImageToken, token)));
  if (!row) throw notFound('image_not_found', 'no such image');
  return readStored(ctx, row.storageKey, row.contentType);
}

/** A challenge's source image (for editing); public, as the prompt is. */
export async function readSourceImage(
  ctx: Pick<ServiceContext, 'db' | 'store'>,
  imageId: string,
): Promise<ImageBytes> {
  const [row] = await ctx.db
    .select({ storageKey: images.storageKey, contentType: images.contentType })
    .from(images)
    .innerJoin(challenges, eq(challenges.sourceImageId, images.id))
    .where(and(eq(images.id, imageId), eq(images.kind, 'source')))
    .limit(1);
  if (!row) throw notFound('image_not_found', 'no such image');
  return readStored(ctx, row.storageKey, row.contentType);
}
