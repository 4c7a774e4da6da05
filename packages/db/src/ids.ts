import { randomFillSync } from 'node:crypto';

/**
 * Random bytes are drawn from the system's generator a pool at a time and each byte is handed
 * out once, as Node's own randomUUID does: a battle takes three ids, and a call per id costs
 * more than the rest of making them.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let next = POOL_BYTES;

/** An unguessable URL-safe id: 128 random bits, base64url. Used for images and image tokens. */
export function opaqueId(bytes = 16): string {
  if (bytes > POOL_BYTES) return randomFillSync(Buffer.alloc(bytes)).toString('base64url');
  if (next + bytes > POOL_BYTES) {
    randomFillSync(pool);
    next = 0;
  }
  const id = pool.toString('base64url', next, next + bytes);
  next += bytes;
  return id;
}
