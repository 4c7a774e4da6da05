import { isIP } from 'node:net';

/**
 * Addresses a fetch of an untrusted URL must never reach: loopback, private, carrier-grade NAT,
 * link-local (cloud metadata lives at 169.254.169.254), unspecified, multicast, reserved and
 * documentation ranges, plus every IPv6 form that embeds one of those IPv4 addresses.
 */
const FORBIDDEN_V4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network", incl. the unspecified address
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, incl. broadcast
];

function parseV4(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

function inV4Range(value: number, base: string, prefix: number): boolean {
  const start = parseV4(base)!;
  const size = 2 ** (32 - prefix);
  return value >= start && value < start + size;
}

/** Eight 16-bit groups, or undefined when `address` is not IPv6 (a zone id is ignored). */
export function parseV6(address: string): number[] | undefined {
  let text = address.replace(/^\[|\]$/g, '');
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (isIP(text) !== 6) return undefined;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    // A dotted IPv4 tail (::ffff:127.0.0.1) becomes two hex groups.
    const v4 = parseV4(last);
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const toGroups = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const before = toGroups(head);
  const after = rest === undefined ? [] : toGroups(rest);
  const missing = 8 - before.length - after.length;
  if (missing < 0 || (rest === undefined && missing !== 0)) return undefined;
  return [...before, ...new Array<number>(missing).fill(0), ...after];
}

function v4FromGroups(high: number, low: number): number {
  return high * 65536 + low;
}

function isForbiddenV4(value: number): boolean {
  return FORBIDDEN_V4.some(([base, prefix]) => inV4Range(value, base, prefix));
}

function isForbiddenV6(g: number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const embedded = v4FromGroups(g6, g7);
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0) {
    // :: and ::1
    if (g4 === 0 && g5 === 0 && g6 === 0 && g7 <= 1) return true;
    // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (deprecated compatible form)
    if (g4 === 0 && (g5 === 0xffff || g5 === 0)) return isForbiddenV4(embedded);
    // ::ffff:0:a.b.c.d (SIIT translated)
    if (g4 === 0xffff && g5 === 0) return isForbiddenV4(embedded);
    return true; // the rest of ::/64 is unassigned
  }
  // 64:ff9b::/96, the NAT64 well-known prefix, embeds its IPv4 target
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return isForbiddenV4(embedded);
  }
  if (g0 === 0x2002) return isForbiddenV4(v4FromGroups(g1, g2)); // 6to4 embeds IPv4 in groups 1-2
  if ((g0 & 0xfe00) === 0xfc00) return true; // fc00::/7 unique-local
  if ((g0 & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((g0 & 0xffc0) === 0xfec0) return true; // fec0::/10 site-local (deprecated)
  if ((g0 & 0xff00) === 0xff00) return true; // ff00::/8 multicast
  if (g0 === 0x2001 && g1 === 0x0db8) return true; // documentation
  if (g0 === 0x2001 && g1 === 0) return true; // Teredo hides its IPv4 target
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return true; // discard prefix
  return false;
}

/**
 * True when `address` (an IP literal, IPv6 optionally in brackets) is one a fetch of an
 * untrusted URL must not reach. Anything that is not an IP literal counts as forbidden.
 */
export function isForbiddenAddress(address: string): boolean {
  const v4 = parseV4(address);
  if (v4 !== undefined) return isForbiddenV4(v4);
  const v6 = parseV6(address);
  if (v6 !== undefined) return isForbiddenV6(v6);
  return true;
}

/** The IP literal in a URL hostname (brackets stripped), or undefined for a name. */
export function ipLiteral(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return isIP(bare) ? bare : undefined;
}
