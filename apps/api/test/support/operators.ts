import { routes } from '@arena/contract';
import { createOperatorToken } from '@arena/services';
import type { TestArena } from './arena';

const NIL_ID = '00000000-0000-4000-8000-000000000000';

export interface AdminRouteCall {
  name: string;
  method: string;
  path: string;
}

/**
 * Every operator route of the contract (whatever file added it), as a request that reaches it:
 * path parameters filled with a well-formed id that names nothing. Login is left out: it is
 * the one admin route that takes no credentials.
 */
export function adminRouteCalls(): AdminRouteCall[] {
  return Object.entries(routes)
    .filter(([, route]) => route.path.startsWith('/api/admin/'))
    .filter(([, route]) => !(route.path === '/api/admin/session' && route.method === 'post'))
    .map(([name, route]) => ({
      name,
      method: route.method.toUpperCase(),
      path: route.path.replace(/\{[^}]+\}/g, NIL_ID),
    }));
}

/** Whether a moderator may call the path (operator-roles.ts says so too; this is the spec). */
export const moderatorMayCall = (path: string) =>
  /^\/api\/admin\/(moderation|suggestions|session)(\/|$)/.test(path);

/** An operator (admin unless said) with a fresh token, as the CLI makes them. */
export const operatorWithToken = (
  arena: TestArena,
  name: string,
  options: { role?: 'admin' | 'moderator' } = {},
) => createOperatorToken(arena.runtime.ctx, { name, role: options.role });

/** A request straight to the app (no contract check: routes of others are probed as they are). */
export async function rawRequest(
  arena: TestArena,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
) {
  const withBody = method !== 'GET' && method !== 'HEAD';
  const response = await arena.app.request(path, {
    method,
    headers: withBody ? { 'content-type': 'application/json', ...headers } : headers,
    body: withBody ? (body ?? '{}') : undefined,
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, body: json, text };
}

/** Opens a console session with a token: the cookie (`name=value`) and the CSRF token. */
export async function consoleLogin(arena: TestArena, token: string) {
  const response = await rawRequest(
    arena,
    'POST',
    '/api/admin/session',
    {},
    JSON.stringify({ token }),
  );
  if (response.status !== 200) throw new Error(`login failed: ${response.text}`);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  return {
    cookie,
    csrf: response.body.csrfToken as string,
    setCookie: response.headers.get('set-cookie')!,
  };
}
