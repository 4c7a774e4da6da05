import { voters } from '@arena/db';
import { createTestRuntime, type TestRuntime } from '@arena/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { TEST_SESSION_SECRET } from '../support/arena';
import { TestClient, type TestResponse } from '../support/client';
import { expectError } from '../support/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The secure headers every response carries, refusals included. */
function expectSecureHeaders(response: TestResponse, label: string) {
  expect(
    {
      nosniff: response.headers.get('x-content-type-options'),
      frames: response.headers.get('x-frame-options'),
      referrer: response.headers.get('referrer-policy'),
      resources: response.headers.get('cross-origin-resource-policy'),
      // Plain HTTP: a promise of HTTPS would be false.
      hsts: response.headers.get('strict-transport-security'),
      scripts: response.headers.get('content-security-policy')?.match(/script-src [^;]*/)?.[0],
    },
    label,
  ).toEqual({
    nosniff: 'nosniff',
    frames: 'SAMEORIGIN',
    referrer: 'no-referrer',
    resources: 'same-origin',
    hsts: null,
    scripts: "script-src 'self'",
  });
}

/** GET /api/health (routes/health.ts), and what the app answers around every route. */
describe('health, and what every response carries', () => {
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

  it('answers ready while the database answers, and starts no voter session', async () => {
    const response = await client().get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await test.runtime.ctx.db.select().from(voters)).toEqual([]);
    expectSecureHeaders(response, 'health');
  });

  it('echoes a well-formed request id, replaces any other, and names it in error bodies', async () => {
    const echoed = await client().get('/api/health', { 'x-request-id': 'lb-7f3a.01_b' });
    expect(echoed.headers.get('x-request-id')).toBe('lb-7f3a.01_b');
    for (const incoming of ['has space', '<script>', 'x'.repeat(65), '']) {
      const replaced = await client().get('/api/health', { 'x-request-id': incoming });
      expect(replaced.headers.get('x-request-id'), incoming).toMatch(UUID);
    }
    const a = await client().get('/api/health');
    const b = await client().get('/api/health');
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
    const refused = await client().get('/api/nothing-here', { 'x-request-id': 'trace-42' });
    expectError(refused, 404, 'not_found');
    expect(refused.body.requestId).toBe('trace-42');
  });

  it('answers a path no route declares with 404 and the error body', async () => {
    const unknownRoute = await client().get('/api/nothing-here');
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body.code).toBe('not_found');
    expectSecureHeaders(unknownRoute, 'unknown route');
    expectError(await client().request('DELETE', '/api/health'), 404, 'not_found');
    expectError(await client().get('/api/admin/nothing-here'), 401, 'operator_token_required');
  });

  it('answers 500 with the bare error body when the database fails, revealing nothing', async () => {
    const failure = Object.assign(
      new Error('relation "voters" does not exist: select 1 from voters where secret = $1'),
      { code: '42P01', detail: 'at /srv/arena/packages/db/src/client.ts:42:7' },
    );
    const ctx = test.runtime.ctx;
    const broken = createApp({
      ctx: { ...ctx, db: { execute: () => Promise.reject(failure) } as unknown as typeof ctx.db },
      sessionSecret: TEST_SESSION_SECRET,
    });
    // Straight to the app: no route declares a 500, so the contract check would refuse it.
    const response = await broken.request('/api/health');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      code: 'internal_error',
      message: 'something went wrong on our side',
      requestId: response.headers.get('x-request-id'),
    });
    for (const internal of [
      'voters',
      'select',
      '42P01',
      'client.ts',
      failure.stack!.split('\n')[1]!,
    ])
      expect(text).not.toContain(internal.trim());
  });
});
