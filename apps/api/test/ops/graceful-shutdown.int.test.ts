import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import {
  createTestDatabase,
  deleteQueueKeys,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  type TestDatabase,
} from '@arena/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcess, type ApiProcess } from '../support/arena-processes';

const GRACE_MS = 3_000;
const BODY = JSON.stringify({ arena: 'text-to-image' });

/** A POST whose body is sent in two parts: in flight at the server until the second part. */
function slowPost(baseUrl: string) {
  let req!: ClientRequest;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req = request(
      `${baseUrl}/api/battles`,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': BODY.length },
      },
      (res: IncomingMessage) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
  // Awaited later; until then a failure must not count as unhandled.
  response.catch(() => {});
  req.write(BODY.slice(0, 5));
  return { response, finish: () => req.end(BODY.slice(5)) };
}

/**
 * SIGTERM to the API (a process, production mode): it stops taking connections, lets the
 * requests in flight finish (up to SHUTDOWN_GRACE_MS, then cuts them), closes its pools and
 * exits 0.
 */
describe('the API on SIGTERM', () => {
  let database: TestDatabase;
  let prefix: string;
  let api: ApiProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    prefix = uniqueQueuePrefix();
    api = await startApiProcess({
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      SESSION_SECRET: 'shutdown-test-secret-0123456789abcdefgh',
      SEED_CATALOG: 'false',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      LOG_LEVEL: 'info',
    });
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    if (prefix) await deleteQueueKeys(prefix);
    await database?.drop();
  });

  it('finishes the requests in flight, refuses new connections, exits 0', async () => {
    const finishing = slowPost(api.baseUrl);
    const stalled = slowPost(api.baseUrl);
    // Both requests' headers have reached the server: its handlers wait for the bodies.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const signalled = Date.now();
    api.child.kill('SIGTERM');
    await api.waitForOutput('shutting down', 5_000);

    await expect(fetch(`${api.baseUrl}/healthz`)).rejects.toThrow();
    finishing.finish();
    const answer = await finishing.response;
    // No catalog: no battle to issue, answered as such (a refusal with the error body, no 5xx).
    expect(answer.status).toBeLessThan(500);
    expect(JSON.parse(answer.body)).toHaveProperty('code');

    // The other never sends its body: cut at the deadline, and the process still exits 0.
    await expect(stalled.response).rejects.toThrow();
    expect(await api.exited).toBe(0);
    const took = Date.now() - signalled;
    expect(took).toBeGreaterThanOrEqual(GRACE_MS - 100);
    expect(took).toBeLessThan(GRACE_MS + 5_000);
    expect(api.output()).toContain('requests still in flight at the shutdown deadline');
    expect(api.output()).toContain('"msg":"stopped"');
  });
});
