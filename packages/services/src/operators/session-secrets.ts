import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A console session is a random id in an HttpOnly cookie. The database holds only hashes: of
 * the id, and of the session's CSRF token. The CSRF token is derived from the id (an HMAC), so
 * `GET /api/admin/session` can hand it to the console again after a reload without storing it,
 * and nobody without the cookie can compute it.
 */
export const newSessionId = () => randomBytes(32).toString('base64url');

export const hashSessionId = (sessionId: string) =>
  createHash('sha256').update(`session:${sessionId}`).digest('hex');

export const csrfTokenOf = (sessionId: string) =>
  createHmac('sha256', sessionId).update('arena-csrf').digest('base64url');

export const hashCsrfToken = (csrfToken: string) =>
  createHash('sha256').update(`csrf:${csrfToken}`).digest('hex');

/** Compares in constant time: a wrong guess tells nothing about how close it was. */
export function csrfMatches(expectedHash: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(hashCsrfToken(presented), 'hex');
  const b = Buffer.from(expectedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
