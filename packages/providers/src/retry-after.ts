import type { IncomingHttpHeaders } from 'node:http';

/**
 * A `Retry-After` value in milliseconds: delay-seconds ("7", leniently "1.5") or an HTTP date,
 * counted from `now`. Past dates give 0; anything unreadable gives undefined.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only real HTTP dates: Date.parse alone accepts odd strings such as "12".
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** A protobuf-style duration such as Google's `retryDelay: "13.5s"`, in milliseconds. */
export function parseDurationSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

/** `retry-after-ms` (sent by some OpenAI-style gateways) wins over `retry-after`. */
export function retryAfterFromHeaders(
  headers: IncomingHttpHeaders,
  now = Date.now(),
): number | undefined {
  const ms = headers['retry-after-ms'];
  if (typeof ms === 'string' && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  const value = headers['retry-after'];
  return parseRetryAfter(Array.isArray(value) ? value[0] : value, now);
}
