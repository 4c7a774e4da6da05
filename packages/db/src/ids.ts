import { randomBytes } from 'node:crypto';

/** An unguessable URL-safe id: 128 random bits, base64url. Used for images and image tokens. */
export function opaqueId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}
