/** The parts of the OpenAPI document that are not routes: its header and the operator scheme. */

export const OPENAPI_PATH = '/api/openapi.json';

export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Arena API',
    version: '1.0.0',
    description: 'Blind-vote arena and leaderboard for AI image models.',
  },
};

export const OPERATOR_TOKEN_SCHEME = 'operatorToken';

export const operatorTokenScheme = {
  type: 'http',
  scheme: 'bearer',
  description: 'An operator token from `pnpm arena operator create NAME`',
} as const;

export const OPERATOR_SESSION_SCHEME = 'operatorSession';
/** The console's session cookie (from `POST /api/admin/session`). */
export const OPERATOR_SESSION_COOKIE = 'arena_operator';
export const CSRF_HEADER = 'X-CSRF-Token';

export const operatorSessionScheme = {
  type: 'apiKey',
  in: 'cookie',
  name: OPERATOR_SESSION_COOKIE,
  description:
    "The console session from `POST /api/admin/session`; every write also needs the session's " +
    `CSRF token in the \`${CSRF_HEADER}\` header.`,
} as const;

/**
 * Operator routes name the schemes they take (either one), so the document shows the lock on
 * them. Which role a route needs goes by its path (see the API's operator-auth middleware).
 */
export const OPERATOR_SECURITY: Array<Record<string, string[]>> = [
  { [OPERATOR_TOKEN_SCHEME]: [] },
  { [OPERATOR_SESSION_SCHEME]: [] },
];
