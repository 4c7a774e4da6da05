import type { ErrorBody } from '@arena/contract';
import { isDomainError, type DomainErrorKind } from '@arena/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailableCode } from './database-unavailable';
import type { AppEnv } from './env';

const STATUS: Record<DomainErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_early: 425,
  too_many: 429,
  unavailable: 503,
};

export function errorBody(
  c: Context<AppEnv>,
  code: string,
  message: string,
  details?: unknown,
): ErrorBody {
  const body: ErrorBody = { code, message, requestId: c.get('requestId') ?? '' };
  if (details !== undefined) body.details = details;
  return body;
}

export function zodIssues(error: ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** One error body everywhere: `{ code, message, requestId }`; never a stack trace. */
export function onError(error: Error, c: Context<AppEnv>): Response {
  if (isDomainError(error)) {
    if (error.kind === 'too_many') {
      const { retryAfterSeconds } = error.details as { retryAfterSeconds: number };
      c.header('Retry-After', String(retryAfterSeconds));
    }
    return c.json(errorBody(c, error.code, error.message, error.details), STATUS[error.kind]);
  }
  if (error instanceof ZodError) {
    return c.json(
      errorBody(c, 'invalid_request', 'the request is not valid', zodIssues(error)),
      400,
    );
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code =
      status === 413
        ? 'payload_too_large'
        : /json/i.test(error.message)
          ? 'invalid_json'
          : 'bad_request';
    return c.json(errorBody(c, code, error.message || 'bad request'), status);
  }
  const unavailable = databaseUnavailableCode(error);
  if (unavailable) {
    // Lost or refused connections while the database restarts or fails over: the pool
    // reconnects on its own, and the client may try again (Retry-After), so no 500.
    c.get('logger')?.warn(
      { requestId: c.get('requestId'), code: unavailable },
      'database unavailable',
    );
    c.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    return c.json(
      errorBody(c, 'database_unavailable', 'the database is unavailable: try again shortly'),
      503,
    );
  }
  if (isDataException(error)) {
    // Postgres refused a value the request carried (a NUL character, an out-of-range number):
    // the request's fault, and the transaction it was in has rolled back.
    c.get('logger')?.warn(
      { requestId: c.get('requestId'), sqlState: sqlState(error) },
      'request value refused by the database',
    );
    return c.json(
      errorBody(c, 'invalid_request', 'a value in the request cannot be stored or looked up'),
      400,
    );
  }
  c.get('logger')?.error({ requestId: c.get('requestId'), err: error }, 'unhandled error');
  return c.json(errorBody(c, 'internal_error', 'something went wrong on our side'), 500);
}

export function onNotFound(c: Context<AppEnv>): Response {
  return c.json(errorBody(c, 'not_found', `no route for ${c.req.method} ${c.req.path}`), 404);
}

/** The zod validation hook for every route: 400 with the issues, in the one error body. */
export const validationHook = (
  result: { success: true } | { success: false; error: ZodError },
  c: Context<AppEnv>,
) => {
  if (!result.success) {
    return c.json(
      errorBody(c, 'invalid_request', 'the request is not valid', zodIssues(result.error)),
      400,
    );
  }
  return undefined;
};

/** The SQLSTATE of a database error, also when the query builder wraps it (as its cause). */
function sqlState(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 3; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** SQLSTATE class 22, "data exception": a bad value, e.g. invalid UTF-8 such as a NUL byte. */
function isDataException(error: unknown): boolean {
  return sqlState(error)?.startsWith('22') ?? false;
}
