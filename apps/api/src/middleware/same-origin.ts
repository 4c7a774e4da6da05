import type { Context } from 'hono';

/**
 * Whether a browser request comes from a page of this site. A browser names the page's origin
 * in `Origin` on every non-GET request, and (all current ones) says in `Sec-Fetch-Site` whether
 * it was cross-site; either telling another site is enough to refuse. Requests without both
 * (curl, API clients) are not from a page, and count as same-origin here: only session-cookie
 * requests depend on this, and those are additionally held to the CSRF token.
 */
export function isCrossSite(c: Context, trustProxy: boolean): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = c.req.header('origin');
  if (origin === undefined) return false;
  return !sameHost(origin, hostOf(c, trustProxy));
}

/** Whether the request names an Origin, and it is this site's. */
export function hasOwnOrigin(c: Context, trustProxy: boolean): boolean {
  const origin = c.req.header('origin');
  return origin !== undefined && !isCrossSite(c, trustProxy);
}

function hostOf(c: Context, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim() : '';
  return forwarded || c.req.header('host') || new URL(c.req.url).host;
}

function sameHost(origin: string, host: string | undefined): boolean {
  if (!host || origin === 'null') return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
