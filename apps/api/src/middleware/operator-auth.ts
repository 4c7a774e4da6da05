import { OPERATOR_SESSION_COOKIE } from '@arena/contract';
import { forbidden } from '@arena/core';
import {
  authenticateOperator,
  authenticateOperatorSession,
  csrfMatches,
  type ServiceContext,
} from '@arena/services';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { roleMayCall, SESSION_PATH } from './operator-roles';
import { hasOwnOrigin, isCrossSite } from './same-origin';

/** `Bearer <token>`; the scheme name is case-insensitive (RFC 9110, section 11.1). */
const BEARER = /^bearer[ \t]+(\S+)[ \t]*$/i;
const READS = new Set(['GET', 'HEAD']);
/** bull-board's own page cannot send the CSRF header: there a same-origin `Origin` stands in. */
const QUEUE_BOARD = '/api/admin/queues';

export interface OperatorAuthOptions {
  trustProxy?: boolean;
}

/**
 * Every /api/admin route: `Authorization: Bearer arena_op_...` (API clients), or the console's
 * session cookie, with the session's CSRF token in `X-CSRF-Token` on every write and no other
 * site's `Origin`. Then the role the path needs (operator-roles.ts). Login itself
 * (`POST /api/admin/session`) needs no prior credentials, only no foreign Origin.
 */
export function operatorAuth(ctx: ServiceContext, options: OperatorAuthOptions = {}) {
  const trustProxy = options.trustProxy ?? false;
  return createMiddleware<AppEnv>(async (c, next) => {
    const path = c.req.path;
    const write = !READS.has(c.req.method);
    if (path === SESSION_PATH && c.req.method === 'POST') {
      if (isCrossSite(c, trustProxy)) throw crossSite();
      return next();
    }
    const authorization = c.req.header('authorization');
    const sessionId = getCookie(c, OPERATOR_SESSION_COOKIE);
    if (authorization === undefined && sessionId) {
      const session = await authenticateOperatorSession(ctx, { sessionId });
      if (write) checkCsrf(c, session.csrfHash, trustProxy);
      c.set('operatorSession', session);
      c.set('operatorId', session.id);
      c.set('operatorRole', session.role);
    } else {
      const token = BEARER.exec(authorization ?? '')?.[1];
      const operator = await authenticateOperator(ctx, { token });
      c.set('operatorSession', undefined);
      c.set('operatorId', operator.id);
      c.set('operatorRole', operator.role);
    }
    if (!roleMayCall(c.get('operatorRole'), path)) {
      throw forbidden('operator_role_forbidden', 'this needs an operator with the admin role');
    }
    await next();
  });
}

/**
 * A write with the session cookie must come from the console itself: no other site's Origin,
 * and the session's CSRF token, which only a page of this site that read it can send.
 */
function checkCsrf(c: Context<AppEnv>, csrfHash: string, trustProxy: boolean) {
  if (isCrossSite(c, trustProxy)) throw crossSite();
  const path = c.req.path;
  if (path.startsWith(`${QUEUE_BOARD}/`) && hasOwnOrigin(c, trustProxy)) return;
  if (!csrfMatches(csrfHash, c.req.header('x-csrf-token'))) {
    throw forbidden(
      'csrf_token_invalid',
      "a console write needs the session's CSRF token in the X-CSRF-Token header",
    );
  }
}

const crossSite = () =>
  forbidden('cross_site_request', 'operator requests from another site are refused');
