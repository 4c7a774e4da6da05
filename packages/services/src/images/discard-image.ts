import { images } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import type { StoredImage } from './store-image';

/** Removes an image nobody references (e.g. the loser of two runs of the same job). */
export async function discardImage(
  ctx: Pick<ServiceContext, 'db' | 'store'>,
  input: { image: StoredImage },
): Promise<void> {
  await ctx.db.delete(images).where(eq(images.id, input.image.id));
  await ctx.store.delete(input.image.storageKey);
}
