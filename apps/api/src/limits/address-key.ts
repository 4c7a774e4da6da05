import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';

/** The eight groups of an IPv6 address, `::` expanded. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = Array(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...(tail === undefined ? [] : zeros), ...right].map((group) =>
    group.toLowerCase().padStart(4, '0'),
  );
}

/**
 * The network a client address stands for: an IPv4 address itself, an IPv6 address's /64
 * (one household or phone gets a whole /64, and can pick any address in it).
 */
export function networkOf(address: string): string | undefined {
  const family = isIP(address);
  if (family === 4) return address;
  if (family === 6) return `${ipv6Groups(address.split('%')[0]!).slice(0, 4).join(':')}::/64`;
  return undefined;
}

/**
 * A keyed hash of the client's network, so that votes can be judged per network without the
 * database ever holding an address: IPv4 space is small enough to reverse a plain hash.
 */
export function addressKeyOf(address: string, secret: string): string | null {
  const network = networkOf(address);
  if (!network) return null;
  return createHmac('sha256', secret).update(`network:${network}`).digest('base64url').slice(0, 22);
}

/** Sets the request's `addressKey` for the routes that record it (votes). */
export function recordAddressKey(address: (c: Context<AppEnv>) => string, secret: string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('addressKey', addressKeyOf(address(c), secret));
    await next();
  });
}
