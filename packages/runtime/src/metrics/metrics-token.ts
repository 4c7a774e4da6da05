import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether an Authorization header carries the metrics token (`Bearer <token>`), compared in
 * constant time. Without a configured token every scrape is allowed: the endpoint is then
 * meant to be reachable only from the private network Prometheus scrapes from.
 */
export function bearerMatches(header: string | undefined, token: string | undefined): boolean {
  if (!token) return true;
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? timingSafeEqual(digest(match[1]!), digest(token)) : false;
}
