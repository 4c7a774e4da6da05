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

/** Operator routes name the scheme they need, so the document shows the lock on them. */
export const OPERATOR_SECURITY = [{ [OPERATOR_TOKEN_SCHEME]: [] }];
