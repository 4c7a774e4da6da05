import type { LookupFunction } from 'node:net';
import { ipLiteral, isForbiddenAddress } from './ip-address';

/**
 * Where an untrusted URL (an image link a provider returned) may lead. The defaults are the
 * production ones; the loosening switches exist for tests against loopback fake servers and
 * are never set from operator configuration.
 */
export interface UrlPolicy {
  /**
   * Host names allowed, exact (`fal.media`) or with a leading wildcard (`*.fal.media`, which
   * matches sub-domains only). Undefined allows any host; the address checks still apply.
   */
  allowedHosts?: readonly string[];
  /** Default true: plain http is refused. */
  requireHttps?: boolean;
  /** Default false. Tests only: lets every private or loopback address through. */
  allowPrivateAddresses?: boolean;
  /** Tests only: exact private addresses let through, e.g. `['127.0.0.1']`. */
  allowedPrivateAddresses?: readonly string[];
  /** Redirect hops followed, each re-checked. Default 5. */
  maxRedirects?: number;
  /** DNS resolver (same contract as `dns.lookup`); a seam for rebinding tests. */
  lookup?: LookupFunction;
}

export const DEFAULT_MAX_REDIRECTS = 5;

export class UnsafeUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeUrlError';
  }
}

export function hostMatches(hostname: string, patterns: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return patterns.some((raw) => {
    const pattern = raw.toLowerCase();
    if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
    return host === pattern;
  });
}

/** A URL for messages: no query string or credentials, which may carry signatures. */
export function describeUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

export function isAddressAllowed(address: string, policy: UrlPolicy): boolean {
  if (!isForbiddenAddress(address)) return true;
  if (policy.allowPrivateAddresses) return true;
  return (policy.allowedPrivateAddresses ?? []).includes(address);
}

/** Checks everything knowable before connecting; the resolved address is checked at connect. */
export function assertUrlAllowed(url: URL, policy: UrlPolicy): void {
  const requireHttps = policy.requireHttps ?? true;
  if (url.protocol !== 'https:' && (requireHttps || url.protocol !== 'http:')) {
    throw new UnsafeUrlError(`refused ${describeUrl(url)}: scheme not allowed`);
  }
  if (url.username || url.password) {
    throw new UnsafeUrlError(`refused ${describeUrl(url)}: credentials in URL`);
  }
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  if (policy.allowedHosts && !hostMatches(hostname, policy.allowedHosts)) {
    throw new UnsafeUrlError(`refused ${describeUrl(url)}: host not allowed`);
  }
  // Sockets skip DNS for IP literals, so the connect-time check never sees them.
  const literal = ipLiteral(hostname);
  if (literal !== undefined && !isAddressAllowed(literal, policy)) {
    throw new UnsafeUrlError(`refused ${describeUrl(url)}: address not allowed`);
  }
}
