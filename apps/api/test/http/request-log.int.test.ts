import { Writable } from 'node:stream';
import { createLogger } from '@arena/runtime';
import { createTestRuntime, type TestRuntime } from '@arena/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { TEST_SESSION_SECRET } from '../support/arena';
import { expectError } from '../support/errors';
import { serveOnLoopback, type LoopbackServer } from '../support/http-server';

const OPERATOR_TOKEN = 'arena_op_not-a-real-token-0123456789abcdef';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  [field: string]: unknown;
}

/**
 * What the app logs per request (middleware/request-context.ts), through the product's logger
 * (createLogger, with its redaction): one line per request naming it by its id, and no
 * credential a request carries, whether it succeeds, is refused or fails. Also: the fixed
 * headers go out the same through the Node server as through `app.request`.
 */
describe('the request log, and the fixed headers over a real socket', () => {
  let test: TestRuntime;
  let lines: string[];
  let app: ReturnType<typeof createApp>;
  let server: LoopbackServer;

  const logged = () => lines.map((line) => JSON.parse(line) as LogLine);
  const requestLines = () => logged().filter((line) => line.msg === 'request');

  beforeAll(async () => {
    lines = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    test = await createTestRuntime({
      driver: 'postgres',
      logger: createLogger('info', 'arena-api', sink),
    });
    app = createApp({ ctx: test.runtime.ctx, sessionSecret: TEST_SESSION_SECRET });
    server = await serveOnLoopback(app);
  });
  afterAll(async () => {
    await server?.close();
    await test?.close();
  });

  it('writes one line per request, with its id, and nothing of its credentials', async () => {
    lines.length = 0;
    const authorization = `Bearer ${OPERATOR_TOKEN}`;
    const ok = await app.request('/api/health', {
      headers: { 'x-request-id': 'trace-ok', authorization },
    });
    expect(ok.status).toBe(200);
    const refused = await app.request('/api/admin/voters', {
      headers: { 'x-request-id': 'trace-refused', authorization },
    });
    expect(refused.status).toBe(401);
    const unknown = await app.request('/api/nothing-here', { headers: { authorization } });
    expect(unknown.status).toBe(404);

    expect(requestLines()).toEqual([
      expect.objectContaining({
        level: 30,
        name: 'arena-api',
        requestId: 'trace-ok',
        method: 'GET',
        path: '/api/health',
        status: 200,
        ms: expect.any(Number),
      }),
      expect.objectContaining({
        requestId: 'trace-refused',
        path: '/api/admin/voters',
        status: 401,
      }),
      expect.objectContaining({
        requestId: unknown.headers.get('x-request-id'),
        path: '/api/nothing-here',
        status: 404,
      }),
    ]);
    for (const line of lines) {
      expect(line).not.toContain(OPERATOR_TOKEN);
      expect(line.toLowerCase()).not.toContain('authorization');
    }
  });

  it("logs an unhandled error under the request's id, its credentials redacted", async () => {
    lines.length = 0;
    const failure = Object.assign(new Error('the database went away'), {
      headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
    });
    const ctx = test.runtime.ctx;
    const broken = createApp({
      ctx: { ...ctx, db: { execute: () => Promise.reject(failure) } as unknown as typeof ctx.db },
      sessionSecret: TEST_SESSION_SECRET,
    });
    const response = await broken.request('/api/health', {
      headers: { 'x-request-id': 'trace-failed' },
    });
    expect(response.status).toBe(500);
    const error = logged().find((line) => line.msg === 'unhandled error');
    expect(error).toMatchObject({ level: 50, requestId: 'trace-failed' });
    expect(JSON.stringify(error)).toContain('[redacted]');
    expect(requestLines()).toEqual([
      expect.objectContaining({ requestId: 'trace-failed', status: 500 }),
    ]);
    for (const line of lines) expect(line).not.toContain(OPERATOR_TOKEN);
  });

  it('sends the same fixed headers through the Node server as through the app', async () => {
    const fixed = (headers: Headers) =>
      Object.fromEntries(
        [...headers].filter(
          ([name]) =>
            !['date', 'connection', 'keep-alive', 'content-length', 'x-request-id'].includes(name),
        ),
      );
    for (const path of ['/api/health', '/api/nothing-here', '/api/openapi.json']) {
      const viaApp = await app.request(path, { headers: { 'x-request-id': 'same-id' } });
      const viaSocket = await fetch(`${server.baseUrl}${path}`, {
        headers: { 'x-request-id': 'same-id' },
      });
      expect(viaSocket.status, path).toBe(viaApp.status);
      expect(fixed(viaSocket.headers), path).toEqual(fixed(viaApp.headers));
      expect(viaSocket.headers.get('x-request-id'), path).toBe('same-id');
      expect(viaSocket.headers.get('content-security-policy'), path).toMatch(/^default-src 'self'/);
      // Plain HTTP: no promise of HTTPS.
      expect(viaSocket.headers.get('strict-transport-security'), path).toBeNull();
    }
    // A refusal over the socket carries them too, and names its request id in the body.
    const client = server.client();
    const refused = await client.get('/api/admin/voters', { 'x-request-id': 'over-socket' });
    expectError(refused, 401, 'operator_token_required');
    expect(refused.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(refused.body.requestId).toBe('over-socket');
  });

  it('serves the OpenAPI document as the same bytes each time', async () => {
    const first = await app.request('/api/openapi.json');
    const second = await fetch(`${server.baseUrl}/api/openapi.json`);
    expect(first.headers.get('content-type')).toBe('application/json');
    const text = await first.text();
    expect(await second.text()).toBe(text);
    expect(JSON.parse(text)).toMatchObject({ openapi: expect.stringMatching(/^3\.1/) });
  });
});
