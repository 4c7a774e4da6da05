import { Writable } from 'node:stream';
import { rawRows } from '@arena/db';
import { createLogger } from '@arena/runtime';
import { createTestRuntime, type TestRuntime } from '@arena/runtime/testing';
import { createOperatorToken, seedCatalogIfEmpty } from '@arena/services';
import { TEST_CATALOG_FILE, TEST_REDIS_URL } from '@arena/testing';
import { Queue, Worker } from 'bullmq';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { createBullMqQueueBoard, type QueueBoard } from '../../src/queues/queue-board';
import { TEST_SESSION_SECRET, type TestArena } from '../support/arena';
import { consoleLogin, rawRequest } from '../support/operators';

/**
 * Production mode (Postgres, BullMQ): what an operator's credentials leave behind. The raw
 * token, the session id and the CSRF token appear nowhere in the database, Redis or the logs;
 * and bull-board, behind the console's auth, retries a failed job.
 */
describe('operator credentials in production mode', () => {
  let test: TestRuntime;
  let arena: TestArena;
  let board: QueueBoard;
  const lines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    // The most the API ever logs: every request line, and everything the services say.
    const logger = createLogger('debug', 'arena-api', sink);
    test = await createTestRuntime({ driver: 'postgres', bullmq: true, runJobs: false, logger });
    // Launching the catalog's challenges puts jobs (and so operator-caused data) into Redis.
    await seedCatalogIfEmpty(test.runtime.ctx, { catalogFile: TEST_CATALOG_FILE });
    board = createBullMqQueueBoard({ redisUrl: TEST_REDIS_URL, prefix: test.queuePrefix });
    const app = createApp({
      ctx: test.runtime.ctx,
      sessionSecret: TEST_SESSION_SECRET,
      queueBoard: board,
      requestLogLevel: 'info',
    });
    arena = { ...test, app };
  }, 60_000);
  afterAll(async () => {
    await board?.close();
    await test?.close();
  });

  it('never stores or logs a token, a session id or a CSRF token', async () => {
    const { token } = await createOperatorToken(test.runtime.ctx, { name: 'keeper' });
    const bearer = { authorization: `Bearer ${token}` };
    const { cookie, csrf } = await consoleLogin(arena, token);
    const session = { cookie, 'x-csrf-token': csrf, origin: 'http://localhost' };
    const created = await rawRequest(
      arena,
      'POST',
      '/api/admin/operators',
      session,
      JSON.stringify({ name: 'second', role: 'admin' }),
    );
    expect(created.status).toBe(201);
    const second = created.body.token.secret as string;
    const secondSession = await consoleLogin(arena, second);
    // Refused requests log too: a wrong token, and the real one on a bad request.
    await rawRequest(arena, 'GET', '/api/admin/operators', { authorization: `Bearer ${second}x` });
    await rawRequest(arena, 'GET', `/api/admin/operators?token=${token}`, bearer);
    expect((await rawRequest(arena, 'GET', '/api/admin/queue-depths', bearer)).status).toBe(200);
    expect((await rawRequest(arena, 'DELETE', '/api/admin/session', session)).status).toBe(200);

    const secrets = {
      token,
      second,
      session: cookie.split('=')[1]!,
      csrf,
      secondSession: secondSession.cookie.split('=')[1]!,
    };
    const database = await databaseText(test);
    const redis = await redisText(test.queuePrefix);
    const logs = lines.join('');
    expect(logs).toContain('"msg":"request"');
    // Redis holds the launched challenges' jobs: the search had something to search.
    expect(redis).toContain('generation');
    for (const [name, secret] of Object.entries(secrets)) {
      expect(database.includes(secret), `${name} in the database`).toBe(false);
      expect(redis.includes(secret), `${name} in Redis`).toBe(false);
      expect(logs.includes(secret), `${name} in the logs`).toBe(false);
    }
  });

  it('serves bull-board to an admin session, which retries a failed job', async () => {
    const { token } = await createOperatorToken(test.runtime.ctx, { name: 'queues' });
    const { cookie } = await consoleLogin(arena, token);
    const moderator = await createOperatorToken(test.runtime.ctx, {
      name: 'qmod',
      role: 'moderator',
    });
    expect((await rawRequest(arena, 'GET', '/api/admin/queues')).status).toBe(401);
    expect(
      (
        await rawRequest(arena, 'GET', '/api/admin/queues', {
          authorization: `Bearer ${moderator.token}`,
        })
      ).status,
    ).toBe(403);
    const page = await rawRequest(arena, 'GET', '/api/admin/queues', { cookie });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root">');
    // Everything from this origin: the board's web font link is taken out, scripts stay 'self'.
    expect(page.text).not.toMatch(/https:\/\//);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    expect((await rawRequest(arena, 'GET', '/api/admin/queues/', { cookie })).status).toBe(200);

    // A failed job in the ratings queue (nothing else is in it: no vote was cast), failed the
    // way a worker fails one.
    const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('ratings', { connection, prefix: test.queuePrefix });
    const worker = new Worker('ratings', null, { connection, prefix: test.queuePrefix });
    try {
      await queue.add('ratings.apply', {}, { jobId: 'to-retry' });
      const job = (await worker.getNextJob('lock'))!;
      await job.moveToFailed(new Error('provider exploded'), 'lock');
      expect(await queue.getJobCounts('failed', 'waiting')).toEqual({ failed: 1, waiting: 0 });

      const depths = await rawRequest(arena, 'GET', '/api/admin/queue-depths', { cookie });
      expect(depths.body.board).toBe('/api/admin/queues');
      expect(depths.body.queues).toContainEqual({
        name: 'ratings',
        waiting: 0,
        active: 0,
        delayed: 0,
        failed: 1,
      });
      // bull-board cannot send the CSRF header: another site's page gets nowhere...
      const path = '/api/admin/queues/api/queues/ratings/retry/failed';
      const foreign = await rawRequest(arena, 'PUT', path, {
        cookie,
        origin: 'https://evil.example',
      });
      expect(foreign.status).toBe(403);
      expect(await queue.getJobCounts('failed')).toEqual({ failed: 1 });
      // ...while the board's own page, same origin, retries.
      const retried = await rawRequest(arena, 'PUT', path, { cookie, origin: 'http://localhost' });
      expect(retried.status).toBeLessThan(300);
      expect(await queue.getJobCounts('failed', 'waiting')).toEqual({ failed: 0, waiting: 1 });
    } finally {
      await worker.close();
      await queue.close();
      connection.disconnect();
    }
  });
});

/** Every row of every table of the test database, as text. */
async function databaseText(test: TestRuntime): Promise<string> {
  const { db } = test.runtime.ctx;
  const tables = rawRows<{ name: string }>(
    await db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public'`,
    ),
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = rawRows<{ row: string }>(
      await db.execute(sql`select t::text as row from ${sql.identifier(name)} t`),
    );
    parts.push(...rows.map((r) => r.row));
  }
  expect(parts.length).toBeGreaterThan(0);
  return parts.join('\n');
}

/** Every key under the prefix and every value it holds, as text, whatever its type. */
async function redisText(prefix: string): Promise<string> {
  const redis = new Redis(TEST_REDIS_URL);
  const parts: string[] = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        parts.push(key);
        const type = await redis.type(key);
        if (type === 'string') parts.push((await redis.get(key)) ?? '');
        else if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
        else if (type === 'list') parts.push(...(await redis.lrange(key, 0, -1)));
        else if (type === 'set') parts.push(...(await redis.smembers(key)));
        else if (type === 'zset') parts.push(...(await redis.zrange(key, 0, -1)));
        else if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return parts.join('\n');
}
