import {
  createTestDatabase,
  deleteQueueKeys,
  freePort,
  TEST_CATALOG_FILE,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  waitFor,
  type NodeProcess,
  type TestDatabase,
} from '@arena/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readyzBecomes,
  startApiProcess,
  startWorker,
  type ApiProcess,
} from '../support/arena-processes';
import { HttpVoter, sample } from '../support/http-voter';

const WINDOW_MS = 3_000;
const METRICS_TOKEN = 'metrics-token-for-the-test-0123';

/**
 * The API and its workers as processes (production mode, from source): `/readyz` follows the
 * workers' heartbeats within READY_WORKER_WINDOW_MS, and `/metrics` counts exactly the
 * battles and votes this test makes.
 */
describe('readiness and metrics of the API and its workers', () => {
  let database: TestDatabase;
  let prefix: string;
  let api: ApiProcess;
  let env: Record<string, string>;
  let workerMetricsPort: number;
  const workers: NodeProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    prefix = uniqueQueuePrefix();
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      SESSION_SECRET: 'readiness-test-secret-0123456789abcdef',
      CATALOG_FILE: TEST_CATALOG_FILE,
      DEMO_PROFILE: 'instant',
      MIN_VIEW_MS: '0',
      RATE_LIMIT: 'off',
      READY_WORKER_WINDOW_MS: String(WINDOW_MS),
      WORKER_HEARTBEAT_MS: '300',
      METRICS_TOKEN,
    };
    api = await startApiProcess(env);
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await api?.stop();
    if (prefix) await deleteQueueKeys(prefix);
    await database?.drop();
  });

  const readyz = async () => {
    const response = await fetch(`${api.baseUrl}/readyz`);
    return { status: response.status, body: (await response.json()) as any };
  };
  const scrape = async (url: string) => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    return response.text();
  };

  it('is alive but unready without a worker, and ready once one beats', async () => {
    expect((await fetch(`${api.baseUrl}/healthz`)).status).toBe(200);
    const before = await readyz();
    expect(before.status).toBe(503);
    const byName = Object.fromEntries(before.body.checks.map((c: any) => [c.name, c]));
    expect(byName.database.ok).toBe(true);
    expect(byName.redis.ok).toBe(true);
    expect(byName.worker).toMatchObject({ ok: false });

    workerMetricsPort = await freePort();
    workers.push(await startWorker({ ...env, METRICS_PORT: String(workerMetricsPort) }));
    await readyzBecomes(api.baseUrl, 200, 10_000);
    expect((await readyz()).body.checks.every((c: any) => c.ok)).toBe(true);
  });

  it('counts the battles and votes it served, by route pattern', async () => {
    const voter = new HttpVoter(api.baseUrl);
    // The worker generates the catalog's challenges; the first battle waits for them.
    await waitFor(
      async () =>
        (await voter.send('POST', '/api/battles', { arena: 'text-to-image' })).status === 201,
      90_000,
      'a first battle',
    );
    for (let i = 0; i < 5; i++) expect(await voter.round(0)).toBeDefined();
    const battles = voter.exchanges.filter((e) => e.path === '/api/battles' && e.status === 201);
    const tokens = voter.exchanges
      .filter((e) => e.path.startsWith('/api/battle-images/'))
      .map((e) => e.path.split('/').pop()!);

    expect((await fetch(`${api.baseUrl}/metrics`)).status).toBe(401);
    const text = await scrape(`${api.baseUrl}/metrics`);
    expect(sample(text, 'arena_battles_issued_total', { arena: 'text-to-image' })).toBe(
      battles.length,
    );
    expect(sample(text, 'arena_votes_total')).toBe(voter.accepted.length);
    expect(sample(text, 'arena_votes_total', { counted: 'true' })).toBe(voter.accepted.length);
    const voteRoute = { route: '/api/battles/:id/vote', status: '200' };
    expect(sample(text, 'arena_http_request_duration_seconds_count', voteRoute)).toBe(5);
    const imageRoute = { route: '/api/battle-images/:token', status: '200' };
    expect(sample(text, 'arena_http_request_duration_seconds_count', imageRoute)).toBe(10);
    // Patterns only: no battle id or image token is ever a label value.
    for (const token of tokens) expect(text).not.toContain(token);
    for (const id of voter.accepted) expect(text).not.toContain(id);
    expect(text).toMatch(/arena_queue_jobs\{queue="generation",state="waiting"\} \d+/);
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('has the worker count its jobs and provider calls', async () => {
    const worker = `http://127.0.0.1:${workerMetricsPort}`;
    expect((await fetch(`${worker}/metrics`)).status).toBe(401);
    expect((await fetch(`${worker}/healthz`)).status).toBe(200);
    const text = await scrape(`${worker}/metrics`);
    const generations = { queue: 'generation', job: 'generation.run', outcome: 'completed' };
    expect(sample(text, 'arena_job_duration_seconds_count', generations)).toBeGreaterThan(0);
    expect(sample(text, 'arena_provider_calls_total', { error_class: 'none' })).toBeGreaterThan(0);
    expect(sample(text, 'arena_provider_call_duration_seconds_count')).toBeGreaterThan(0);
    expect(
      sample(text, 'arena_generation_duration_seconds_count', { outcome: 'succeeded' }),
    ).toBeGreaterThan(0);
    // One JSON line per job, with its id.
    expect(workers[0]!.output()).toMatch(
      /"job":"generation.run","jobId":"generation.run-[0-9a-f-]+"/,
    );
  });

  it('turns unready within its window when every worker is gone, and ready again', async () => {
    // Killed outright: its last heartbeat stays until the window passes it by.
    workers[0]!.child.kill('SIGKILL');
    await workers[0]!.exited;
    const unreadyAfter = await readyzBecomes(api.baseUrl, 503, WINDOW_MS + 5_000);
    // The last beat came at most WORKER_HEARTBEAT_MS before the kill; the rest is polling.
    expect(unreadyAfter).toBeLessThanOrEqual(WINDOW_MS + 1_500);
    const failing = (await readyz()).body.checks.filter((c: any) => !c.ok);
    expect(failing.map((c: any) => c.name)).toEqual(['worker']);

    const second = await startWorker(env);
    workers.push(second);
    await readyzBecomes(api.baseUrl, 200, 10_000);

    // Stopped gracefully: it takes its heartbeat away as it stops.
    expect(await second.stop()).toBe(0);
    expect(await readyzBecomes(api.baseUrl, 503, WINDOW_MS)).toBeLessThan(WINDOW_MS);
  });
});
