import { Hono } from 'hono';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../src/env';
import { onError } from '../../src/errors';

/** An error as postgres.js gives it, optionally wrapped the way drizzle wraps it. */
function driverError(code: string, wrapped = false): Error {
  const error = Object.assign(new Error(`driver ${code}`), { code });
  return wrapped ? new Error('Failed query: select 1', { cause: error }) : error;
}

const app = new Hono<AppEnv>()
  .use((c, next) => {
    c.set('requestId', 'req-1');
    c.set('logger', pino({ level: 'silent' }));
    return next();
  })
  .get('/throw/:code', (c) => {
    throw driverError(c.req.param('code'), c.req.query('wrapped') === '1');
  })
  .onError(onError);

describe('errors from a database that cannot be reached', () => {
  it.each([
    ['CONNECTION_CLOSED', false],
    ['CONNECT_TIMEOUT', false],
    ['ECONNREFUSED', true],
    ['57P01', true], // terminating connection due to administrator command
    ['08006', true], // connection_failure
  ])('answer 503 database_unavailable with Retry-After for %s', async (code, wrapped) => {
    const response = await app.request(`/throw/${code}${wrapped ? '?wrapped=1' : ''}`);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({
      code: 'database_unavailable',
      message: 'the database is unavailable: try again shortly',
      requestId: 'req-1',
    });
  });

  it('leave other failures a 500', async () => {
    const response = await app.request('/throw/42P01?wrapped=1'); // undefined_table: our bug
    expect(response.status).toBe(500);
    expect(((await response.json()) as { code: string }).code).toBe('internal_error');
  });
});
