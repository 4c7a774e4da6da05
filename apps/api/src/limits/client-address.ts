import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** An IPv4 address seen through an IPv6 socket (::ffff:a.b.c.d) is that IPv4 address. */
const plain = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');

export type ProxyMatcher = (address: string) => boolean;

/** A matcher for the configured reverse proxies: addresses and CIDR blocks, v4 or v6. */
export function trustedProxies(entries: readonly string[]): ProxyMatcher {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const family = isIP(address ?? '') === 6 ? 'ipv6' : 'ipv4';
    if (!isIP(address ?? '')) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an address`);
    if (bits === undefined) list.addAddress(address!, family);
    else list.addSubnet(address!, Number(bits), family);
  }
  return (address) => {
    const candidate = plain(address);
    const family = isIP(candidate);
    return family !== 0 && list.check(candidate, family === 6 ? 'ipv6' : 'ipv4');
  };
}

/** The connection's peer; undefined when the request did not come through a socket (tests). */
function peerOf(c: Context): string | undefined {
  try {
    const address = getConnInfo(c).remote.address;
    return address ? plain(address) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The client's address. X-Forwarded-For is believed only when the connection comes from a
 * trusted proxy, and then read from the right, past the trusted proxies, up to the first
 * address none of them is: a client can put anything in the header, but not on its left of
 * what our own proxies appended.
 */
export function clientAddress(c: Context, isTrusted: ProxyMatcher): string {
  const peer = peerOf(c);
  if (!peer) return 'unknown';
  if (!isTrusted(peer)) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => plain(entry.trim()))
    .filter((entry) => isIP(entry) !== 0);
  for (let i = forwarded.length - 1; i >= 0; i -= 1) {
    if (!isTrusted(forwarded[i]!)) return forwarded[i]!;
  }
  return forwarded[0] ?? peer;
}
