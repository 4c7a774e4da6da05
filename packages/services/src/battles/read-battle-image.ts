import { notFound } from '@arena/core';
import { battles, generations, images } from '@arena/db';
import { and, eq, or } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { readStoredImage, type ImageBytes } from '../images/image-bytes';

/** The image behind a battle token (either side). */
export async function readBattleImage(
  ctx: Pick<ServiceContext, 'db' | 'store'>,
  input: { token: string },
): Promise<ImageBytes> {
  const { token } = input;
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
  return readStoredImage(ctx, row);
}
