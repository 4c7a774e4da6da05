import { randomUUID } from 'node:crypto';
import type { Metrics } from '@arena/runtime';
import type { Logger } from 'pino';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { AppEnv } from '../env';
import { setFixedHeaders } from './fixed-headers';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** Scraped and probed every few seconds: their lines would drown the others. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

export interface RequestObservation {
  /** `info`, or `debug` where the terminal shows no line per request (embedded). */
  level: 'info' | 'debug';
  metrics: Metrics;
}

/**
 * A request id (echoed in X-Request-Id and error bodies), one log line per request:
 * `{ requestId, method, path, route, status, ms, msg: 'request' }`, written by the process
 * logger (it holds no header, so no credential a request carries), and the request timed into
 * `arena_http_request_duration_seconds` by route pattern (`/api/battles/:id/vote`, never the
 * raw path with its ids and tokens) and status.
 *
 * Per request this costs no child logger: `logger` is the process's own, and the lines that
 * concern a request (this one, the error handler's) name it by `requestId`. The header is set
 * before the route runs (fixed-headers.ts); set after, it would make the Node adapter rebuild
 * a finished response as a stream.
 */
export function requestContext(logger: Logger, observation: RequestObservation) {
  // The request line's fields are these, none a credential, so it skips the redaction pass
  // (which runs the wildcard paths over every field of a line): the same logger and
  // destination otherwise.
  const requestLog = logger.child({}, { redact: [] });
  const { metrics, level } = observation;
  return createMiddleware<AppEnv>(async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.set('logger', logger);
    setFixedHeaders(c, [['X-Request-Id', requestId]]);
    const started = performance.now();
    await next();
    const elapsed = performance.now() - started;
    // The pattern of what answered: the route's handler, or the middleware that answered
    // instead (a limit's `/api/battles`, the web UI's or the not-found `/*`).
    const route = routePath(c);
    const status = c.res.status;
    metrics.httpRequests.observe(
      { method: c.req.method, route, status: String(status) },
      elapsed / 1000,
    );
    const path = c.req.path;
    requestLog[PROBES.has(path) ? 'debug' : level](
      { requestId, method: c.req.method, path, route, status, ms: Math.round(elapsed) },
      'request',
    );
  });
}
