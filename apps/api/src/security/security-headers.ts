import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { setFixedHeaders } from '../middleware/fixed-headers';
import { contentSecurityPolicy, type PolicyOptions } from './content-security-policy';
import { isHttps, STRICT_TRANSPORT } from './strict-transport';

/** `scriptSrc` -> `script-src` */
const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** A policy's directives as the header's value: `default-src 'self'; script-src …`. */
export function policyHeader(directives: Record<string, readonly string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => [kebab(name), ...values].join(' '))
    .join('; ');
}

/**
 * The headers every response carries, whatever it is: what browsers need to keep a response
 * from being framed, sniffed, embedded by other sites or sent referrers, and the policy of
 * content-security-policy.ts. Built once.
 */
export function securityHeaderList(options: PolicyOptions = {}): readonly [string, string][] {
  return [
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Origin-Agent-Cluster', '?1'],
    ['Referrer-Policy', 'no-referrer'],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ['X-Frame-Options', 'SAMEORIGIN'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
    ['Content-Security-Policy', policyHeader(contentSecurityPolicy(options))],
  ];
}

/**
 * Sets the security headers on every response, and HSTS on those that go out over HTTPS only:
 * browsers ignore it over plain HTTP anyway, and a header promising HTTPS from a server reached
 * over HTTP (the embedded arena on localhost) is simply false. Set before the route runs
 * (fixed-headers.ts); set after, each would make the Node adapter rebuild a finished response.
 */
export function securityHeaders(options: PolicyOptions & { trustProxy?: boolean } = {}) {
  const headers = securityHeaderList(options);
  const overHttps = [...headers, ['Strict-Transport-Security', STRICT_TRANSPORT] as const];
  const trustProxy = options.trustProxy ?? false;
  return createMiddleware<AppEnv>((c, next) => {
    const forwarded = trustProxy ? c.req.header('x-forwarded-proto') : undefined;
    setFixedHeaders(c, isHttps(c.req.url, forwarded, trustProxy) ? overHttps : headers);
    return next();
  });
}
