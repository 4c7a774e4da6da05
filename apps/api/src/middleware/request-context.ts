import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { setFixedHeaders } from './fixed-headers';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/**
 * A request id (echoed in X-Request-Id and error bodies) and one log line per request:
 * `{ requestId, method, path, status, ms, msg: 'request' }`, written by the process logger; it
 * holds no header, so no credential a request carries.
 *
 * Per request this costs no child logger: `logger` is the process's own, and the lines that
 * concern a request (this one, the error handler's) name it by `requestId`. The header is set
 * before the route runs (fixed-headers.ts); set after, it would make the Node adapter rebuild
 * a finished response as a stream.
 */
export function requestContext(logger: Logger) {
  // The request line's fields are these five, none a credential, so it skips the redaction
  // pass (which runs the wildcard paths over every field of a line): the same logger and
  // destination otherwise.
  const requestLog = logger.child({}, { redact: [] });
  return createMiddleware<AppEnv>(async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.set('logger', logger);
    setFixedHeaders(c, [['X-Request-Id', requestId]]);
    const started = performance.now();
    await next();
    requestLog.info(
      {
        requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
}
