import { createRoute } from '@hono/zod-openapi';
import { OPERATOR_SECURITY } from '../openapi';
import { errorResponses, json } from '../responses';
import {
  auditPageSchema,
  auditQuery,
  closedSessionSchema,
  createdOperatorSchema,
  createOperatorInput,
  createOperatorTokenInput,
  issuedOperatorTokenSchema,
  openSessionInput,
  operatorSessionSchema,
  operatorsSchema,
  operatorTokenQuery,
  operatorTokenSchema,
  operatorTokensSchema,
  queueDepthsSchema,
  updateOperatorTokenInput,
} from '../schemas/admin-accounts';
import { uuidParams } from '../schemas/params';

/** Operator accounts: console sessions, operators, tokens, the audit log, queue depths. */

const jsonBody = <T>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const openOperatorSession = createRoute({
  method: 'post',
  path: '/api/admin/session',
  summary: 'Console login: exchange an operator token for a session cookie and a CSRF token',
  request: { body: jsonBody(openSessionInput) },
  responses: {
    200: json(operatorSessionSchema, 'Signed in: the cookie is set, the body has the CSRF token'),
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

export const currentOperatorSession = createRoute({
  method: 'get',
  path: '/api/admin/session',
  summary: 'Who is signed in (operator, role, CSRF token)',
  security: OPERATOR_SECURITY,
  responses: {
    200: json(operatorSessionSchema, 'The signed-in operator'),
    ...errorResponses(401, 403),
  },
});

export const closeOperatorSession = createRoute({
  method: 'delete',
  path: '/api/admin/session',
  summary: 'Console logout: ends the session and clears its cookie',
  security: OPERATOR_SECURITY,
  responses: {
    200: json(closedSessionSchema, 'Signed out'),
    ...errorResponses(401, 403),
  },
});

export const listOperators = createRoute({
  method: 'get',
  path: '/api/admin/operators',
  summary: 'Operators and their roles',
  security: OPERATOR_SECURITY,
  responses: {
    200: json(operatorsSchema, 'Every operator, oldest first'),
    ...errorResponses(401, 403),
  },
});

export const createOperator = createRoute({
  method: 'post',
  path: '/api/admin/operators',
  summary: 'Add an operator, with a first token (shown once)',
  security: OPERATOR_SECURITY,
  request: { body: jsonBody(createOperatorInput) },
  responses: {
    201: json(createdOperatorSchema, 'The operator and its first token'),
    ...errorResponses(400, 401, 403, 409, 413, 415),
  },
});

export const listOperatorTokens = createRoute({
  method: 'get',
  path: '/api/admin/tokens',
  summary: 'Operator tokens (never the tokens themselves)',
  security: OPERATOR_SECURITY,
  request: { query: operatorTokenQuery },
  responses: {
    200: json(operatorTokensSchema, 'Tokens, newest first'),
    ...errorResponses(400, 401, 403),
  },
});

export const createOperatorTokenRoute = createRoute({
  method: 'post',
  path: '/api/admin/operators/{id}/tokens',
  summary: 'Issue a token for an operator (shown once)',
  security: OPERATOR_SECURITY,
  request: { params: uuidParams, body: jsonBody(createOperatorTokenInput) },
  responses: {
    201: json(issuedOperatorTokenSchema, 'The token: its secret is shown this once'),
    ...errorResponses(400, 401, 403, 404, 413, 415),
  },
});

export const updateOperatorToken = createRoute({
  method: 'patch',
  path: '/api/admin/tokens/{id}',
  summary: "Set or clear a token's expiry",
  security: OPERATOR_SECURITY,
  request: { params: uuidParams, body: jsonBody(updateOperatorTokenInput) },
  responses: {
    200: json(operatorTokenSchema, 'The token'),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

export const revokeOperatorToken = createRoute({
  method: 'post',
  path: '/api/admin/tokens/{id}/revoke',
  summary: 'Revoke a token; the console sessions opened with it end too',
  security: OPERATOR_SECURITY,
  request: { params: uuidParams },
  responses: {
    200: json(operatorTokenSchema, 'The revoked token'),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const listAudit = createRoute({
  method: 'get',
  path: '/api/admin/audit',
  summary: 'The audit log, newest first: who did what, when, before and after',
  security: OPERATOR_SECURITY,
  request: { query: auditQuery },
  responses: {
    200: json(auditPageSchema, 'One page of entries'),
    ...errorResponses(400, 401, 403),
  },
});

export const queueDepths = createRoute({
  method: 'get',
  path: '/api/admin/queue-depths',
  summary: 'Waiting, active, delayed and failed jobs per queue (the board: /api/admin/queues)',
  security: OPERATOR_SECURITY,
  responses: {
    200: json(queueDepthsSchema, 'Jobs per queue and state'),
    ...errorResponses(401, 403),
  },
});
