import { OPERATOR_SESSION_COOKIE } from '@arena/contract';
import {
  closeOperatorSession,
  createOperator,
  issueOperatorToken,
  listAudit,
  listOperators,
  listOperatorTokens,
  openOperatorSession,
  revokeOperatorToken,
  setOperatorTokenExpiry,
} from '@arena/services';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppDeps, AppEnv, Handlers } from '../env';
import { isHttps } from '../security/strict-transport';
import { queueDepthsHandler } from './queue-depths';

/** A console session lasts a working day at most (less if its token expires sooner). */
const SESSION_TTL_MS = 12 * 3600 * 1000;
/** The cookie goes only to the admin API: no page or public route ever receives it. */
const COOKIE_PATH = '/api/admin';

type AccountRoutes =
  | 'openOperatorSession'
  | 'currentOperatorSession'
  | 'closeOperatorSession'
  | 'listOperators'
  | 'createOperator'
  | 'listOperatorTokens'
  | 'createOperatorToken'
  | 'updateOperatorToken'
  | 'revokeOperatorToken'
  | 'listAudit'
  | 'queueDepths';

/** Console sessions, operators, tokens and the audit log (routes/admin-accounts.ts). */
export function adminAccountHandlers(deps: AppDeps): Handlers<AccountRoutes> {
  const { ctx } = deps;
  const secure = (c: Context<AppEnv>) =>
    isHttps(c.req.url, c.req.header('x-forwarded-proto'), deps.trustProxy ?? false);
  const actor = (c: Context<AppEnv>) => c.get('operatorId');
  return {
    openOperatorSession: async (c) => {
      const opened = await openOperatorSession(ctx, {
        token: c.req.valid('json').token,
        ttlMs: SESSION_TTL_MS,
      });
      setCookie(c, OPERATOR_SESSION_COOKIE, opened.sessionId, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: secure(c),
        path: COOKIE_PATH,
        expires: opened.expiresAt,
      });
      const { operator, csrfToken, expiresAt } = opened;
      return c.json({ operator, csrfToken, expiresAt: expiresAt.toISOString() }, 200);
    },
    currentOperatorSession: async (c) => {
      const session = c.get('operatorSession');
      const operator = session
        ? { id: session.id, name: session.name, role: session.role }
        : await bearerOperator(deps, actor(c));
      return c.json(
        {
          operator,
          csrfToken: session?.csrfToken ?? null,
          expiresAt: session?.expiresAt.toISOString() ?? null,
        },
        200,
      );
    },
    closeOperatorSession: async (c) => {
      const session = c.get('operatorSession');
      deleteCookie(c, OPERATOR_SESSION_COOKIE, { path: COOKIE_PATH, secure: secure(c) });
      if (!session) return c.json({ closed: false }, 200);
      return c.json(
        await closeOperatorSession(ctx, {
          sessionRowId: session.sessionRowId,
          operatorId: actor(c),
        }),
        200,
      );
    },
    listOperators: async (c) => c.json({ operators: await listOperators(ctx) }, 200),
    createOperator: async (c) =>
      c.json(await createOperator(ctx, { ...c.req.valid('json'), actorId: actor(c) }), 201),
    listOperatorTokens: async (c) =>
      c.json({ tokens: await listOperatorTokens(ctx, c.req.valid('query')) }, 200),
    createOperatorToken: async (c) =>
      c.json(
        await issueOperatorToken(ctx, {
          ...c.req.valid('json'),
          operatorId: c.req.valid('param').id,
          actorId: actor(c),
        }),
        201,
      ),
    updateOperatorToken: async (c) =>
      c.json(
        await setOperatorTokenExpiry(ctx, {
          tokenId: c.req.valid('param').id,
          expiresAt: c.req.valid('json').expiresAt,
          actorId: actor(c),
        }),
        200,
      ),
    revokeOperatorToken: async (c) =>
      c.json(
        await revokeOperatorToken(ctx, { tokenId: c.req.valid('param').id, actorId: actor(c) }),
        200,
      ),
    listAudit: async (c) => c.json(await listAudit(ctx, c.req.valid('query')), 200),
    queueDepths: queueDepthsHandler(deps),
  };
}

/** Name and role of a bearer-token caller (the middleware set only the id and role). */
async function bearerOperator({ ctx }: AppDeps, operatorId: string) {
  const operators = await listOperators(ctx);
  const operator = operators.find((o) => o.id === operatorId)!;
  return { id: operator.id, name: operator.name, role: operator.role };
}
