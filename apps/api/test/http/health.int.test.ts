import { createTestRuntime, type TestRuntime } from '@arena/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { TEST_SESSION_SECRET } from '../support/arena';
import { TestClient } from '../support/client';

/** GET /api/health (routes/health.ts), and what the app answers around every route. */
describe('health', () => {
  let test: TestRuntime;
  let app: ReturnType<typeof createApp>;
  const client = () => new TestClient(app);

  beforeAll(async () => {
    // Health needs a database, not a catalog: an empty one is enough.
    test = await createTestRuntime({ driver: 'postgres' });
    app = createApp({ ctx: test.runtime.ctx, sessionSecret: TEST_SESSION_SECRET });
  });
  afterAll(async () => {
    await test?.close();
  });

  it('answers ready while the database answers', async () => {
    const response = await client().get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('answers a path no route declares with 404 and the error body', async () => {
    const unknownRoute = await client().get('/api/nothing-here');
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body.code).toBe('not_found');
  });
});
