import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';

/** A request id (echoed in X-Request-Id and error bodies) and one log line per request. */
export function requestContext(logger: Logger) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    const child = logger.child({ requestId });
    c.set('requestId', requestId);
    c.set('logger', child);
    const started = performance.now();
    await next();
    c.header('X-Request-Id', requestId);
    child.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
}
