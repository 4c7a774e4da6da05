import { images, opaqueId, type ImageKind } from '@arena/db';
import { normaliseImage, storageKeyFor } from '@arena/storage';
import type { ServiceContext } from '../context';

export type StoredImage = typeof images.$inferSelect;

/**
 * Normalises image bytes (one format, metadata stripped), writes them under a random id and
 * records them. The bytes are written before the row so a row never points at nothing; a crash
 * in between leaves an orphan file, which is harmless.
 */
export async function storeImage(
  ctx: Pick<ServiceContext, 'db' | 'store'>,
  input: { bytes: Uint8Array; kind: ImageKind },
): Promise<StoredImage> {
  const { kind } = input;
  const normalised = await normaliseImage(input.bytes);
  const id = opaqueId();
  const storageKey = storageKeyFor(id);
  await ctx.store.put(storageKey, normalised.bytes, normalised.contentType);
  const [row] = await ctx.db
    .insert(images)
    .values({
      id,
      kind,
      sha256: normalised.sha256,
      contentType: normalised.contentType,
      width: normalised.width,
      height: normalised.height,
      bytes: normalised.bytes.length,
      storageKey,
    })
    .returning();
  return row!;
}
