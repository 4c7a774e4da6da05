import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** Whether the client reached us over HTTPS (directly, or through a trusted TLS proxy). */
export function isHttps(url: string, forwardedProto: string | undefined, trustProxy: boolean) {
  return new URL(url).protocol === 'https:' || (trustProxy && forwardedProto === 'https');
}

/**
 * HSTS only on responses that went out over HTTPS: browsers ignore it over plain HTTP anyway,
 * and a header promising HTTPS from a server that is reached over HTTP (the embedded arena on
 * localhost) is simply false.
 */
export function strictTransport(trustProxy: boolean) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    if (isHttps(c.req.url, c.req.header('x-forwarded-proto'), trustProxy)) {
      c.header('Strict-Transport-Security', `max-age=${ONE_YEAR_SECONDS}; includeSubDomains`);
    }
  });
}
