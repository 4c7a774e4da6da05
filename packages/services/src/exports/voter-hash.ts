import { createHmac } from 'node:crypto';
import type { ServiceContext } from '../context';

/**
 * The key of voter hashes in exports: EXPORT_SALT, or one derived from the session secret.
 * Derived rather than the secret itself, so that a hash can never be mistaken for (or help
 * forge) a cookie signature, which is an HMAC of the bare voter id under the session secret.
 */
export function exportSalt(
  ctx: Pick<ServiceContext, 'config'>,
  input: { sessionSecret: string },
): string {
  return (
    ctx.config.exportSalt ??
    createHmac('sha256', input.sessionSecret).update('arena:export-salt').digest('hex')
  );
}

/**
 * Voter ids as exports show them: a keyed hash (HMAC-SHA256, 128 bits kept). Stable across
 * exports, so a researcher can group one voter's votes; without the key nobody can compute it
 * from a voter id or a cookie, so the export cannot be joined to sessions.
 */
export function voterHasher(salt: string): (voterId: string) => string {
  return (voterId) =>
    createHmac('sha256', salt).update(`voter:${voterId}`).digest('hex').slice(0, 32);
}
