import { createHmac, timingSafeEqual } from 'node:crypto';
import { createVoter, type ServiceContext } from '@arena/services';
import { getCookie, setSignedCookie } from 'hono/cookie';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { isHttps } from '../security/strict-transport';

export const VOTER_COOKIE = 'arena_voter';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A signed cookie's signature: HMAC-SHA256 in base64, as hono/cookie writes it. */
const SIGNATURE = /^[A-Za-z0-9+/]{43}=$/;

/**
 * The voter a request's signed cookie names, without creating one; undefined if none. The
 * cookie is `<id>.<signature>` as `setSignedCookie` writes it; checked here with node:crypto,
 * synchronously, rather than with WebCrypto's import of the key on every request.
 */
export function voterFromCookie(c: Context<AppEnv>, secret: string): string | undefined {
  const cookie = getCookie(c, VOTER_COOKIE);
  if (!cookie) return undefined;
  const dot = cookie.lastIndexOf('.');
  const value = cookie.slice(0, dot);
  const signature = cookie.slice(dot + 1);
  if (dot < 0 || !UUID.test(value) || !SIGNATURE.test(signature)) return undefined;
  const expected = createHmac('sha256', secret).update(value).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
}

/**
 * Binds the request to an anonymous voter through an HMAC-signed, httpOnly cookie. A missing or
 * tampered cookie gets a new voter, so a forged id can never act as someone else. A valid
 * cookie is taken at its word without reading the database: only this server can sign one,
 * and the statements that need the voter's row read it themselves (the vote locks it, the
 * battle refreshes its `last_seen_at` and restores a row a database restore lost).
 */
export function voterSession(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  options: {
    secret: string;
    trustProxy?: boolean;
    /** Called before a new voter is created; throws to refuse (a per-address limit). */
    beforeNewVoter?: (c: Context<AppEnv>) => Promise<void>;
    /** Whether a voter about to be created owes a human check (its address started many). */
    newVoterNeedsCheck?: (c: Context<AppEnv>) => Promise<boolean>;
  },
) {
  const { secret, trustProxy = false, beforeNewVoter, newVoterNeedsCheck } = options;
  return createMiddleware<AppEnv>(async (c, next) => {
    const claimed = voterFromCookie(c, secret);
    if (claimed) {
      c.set('voterId', claimed);
      return next();
    }
    if (beforeNewVoter) await beforeNewVoter(c);
    const id = await createVoter(ctx, {
      humanCheckRequired: newVoterNeedsCheck ? await newVoterNeedsCheck(c) : false,
    });
    const secure = isHttps(c.req.url, c.req.header('x-forwarded-proto'), trustProxy);
    await setSignedCookie(c, VOTER_COOKIE, id, secret, {
      httpOnly: true,
      sameSite: 'Lax',
      secure,
      path: '/',
      maxAge: ONE_YEAR_SECONDS,
    });
    c.set('voterId', id);
    await next();
  });
}
