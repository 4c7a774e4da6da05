import { openDatabase, type DatabaseHandle } from '@arena/db';
import { createTestRuntime, type TestRuntime } from '@arena/runtime/testing';
import { freePort } from '@arena/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { TEST_SESSION_SECRET } from '../support/arena';
import { TestClient } from '../support/client';

/**
 * The API while its database cannot be reached (here: a port nothing listens on, as during a
 * restart): requests that need it answer 503 `database_unavailable` with Retry-After, in the
 * one error body, never a 500; `/api/health` and `/readyz` say so; `/healthz` stays 200.
 */
describe('the API with its database down', () => {
  let test: TestRuntime;
  let down: DatabaseHandle;
  let client: TestClient;

  beforeAll(async () => {
    test = await createTestRuntime({ driver: 'postgres' });
    down = await openDatabase({
      driver: 'postgres',
      url: `postgres://postgres@127.0.0.1:${await freePort()}/arena`,
    });
    const app = createApp({
      ctx: { ...test.runtime.ctx, db: down.db },
      sessionSecret: TEST_SESSION_SECRET,
    });
    client = new TestClient(app);
  });
  afterAll(async () => {
    await down?.close();
    await test?.close();
  });

  it.each(['/api/health', '/api/models', '/api/leaderboards/text-to-image'])(
    'answers 503 with Retry-After at %s',
    async (path) => {
      const response = await client.get(path);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(response.body).toMatchObject({ code: 'database_unavailable' });
    },
  );

  it('is alive but not ready', async () => {
    expect((await client.get('/healthz')).status).toBe(200);
    const ready = await client.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      status: 'unready',
      checks: [{ name: 'database', ok: false, detail: expect.stringMatching(/ECONNREFUSED/) }],
    });
  });
});
