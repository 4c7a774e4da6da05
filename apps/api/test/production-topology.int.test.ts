import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Battle } from '@arena/contract';
import { VOTE_OUTCOMES } from '@arena/core';
import { challenges, generations, generationTries, votes } from '@arena/db';
import {
  createProductionTree,
  createTestDatabase,
  deleteQueueKeys,
  freePort,
  productionEntry,
  startNode,
  startS3Server,
  TEST_CATALOG_FILE,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  waitFor,
  type NodeProcess,
  type ProductionTree,
  type TestDatabase,
  type TestS3Server,
} from '@arena/testing';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const VOTERS = 12;
const ROUNDS = 3;

interface Answer {
  api: string;
  method: string;
  path: string;
  status: number;
}

/** A voter over HTTP to either API, keeping its cookie whichever API set it, as a browser does. */
class CrossApiVoter {
  cookie?: string;
  constructor(private readonly answers: Answer[]) {}

  async send<T = unknown>(api: string, base: string, method: string, path: string, body?: object) {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (body) headers['content-type'] = 'application/json';
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body && JSON.stringify(body),
      redirect: 'manual',
    });
    this.answers.push({ api, method, path, status: response.status });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const type = response.headers.get('content-type') ?? '';
    const parsed = type.includes('json') ? await response.json() : await response.arrayBuffer();
    return { status: response.status, type, body: parsed as T };
  }
}

/**
 * Production as deployed on several machines: two compiled APIs and two compiled workers
 * (production dependencies only) on one Postgres, one Redis and one S3 bucket, each with a
 * DATA_DIR of its own, so that nothing can pass through a shared folder. Each process names
 * itself to the bucket (the AWS SDK's app id in its user agent), which tells who wrote and who
 * read each image.
 */
describe('two APIs and two workers sharing Postgres, Redis and an S3 bucket', () => {
  let tree: ProductionTree;
  let database: TestDatabase;
  let s3: TestS3Server;
  const prefix = uniqueQueuePrefix();
  const dataDirs: string[] = [];
  const processes: NodeProcess[] = [];
  const apis: { name: string; base: string }[] = [];

  async function start(app: 'api' | 'worker', name: string, env: Record<string, string>) {
    const dataDir = await mkdtemp(join(tmpdir(), `arena-topology-${name}-`));
    dataDirs.push(dataDir);
    const child = startNode(['--enable-source-maps', productionEntry(tree, app)], {
      cwd: tree.dir,
      env: {
        ...s3.env,
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: '4',
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        DATA_DIR: dataDir,
        AWS_SDK_UA_APP_ID: name,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        LOG_LEVEL: 'info',
        ...env,
      },
    });
    processes.push(child);
    return child;
  }

  async function startApi(name: string, seed: boolean) {
    const port = await freePort();
    const api = await start('api', name, {
      PORT: String(port),
      // Both APIs sign and check the same voter cookies.
      SESSION_SECRET: 'production-topology-test-secret-0123456789abcdef',
      SEED_CATALOG: String(seed),
      CATALOG_FILE: TEST_CATALOG_FILE,
      // One test client is every voter's address, and looks fast.
      RATE_LIMIT: 'off',
      MIN_VIEW_MS: '0',
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => {
        if (api.child.exitCode !== null) throw new Error(`${name} exited:\n${api.output()}`);
        return (await fetch(`${base}/api/health`).catch(() => undefined))?.status === 200;
      },
      60_000,
      `${name} to answer`,
    );
    apis.push({ name, base });
  }

  beforeAll(async () => {
    [tree, database, s3] = await Promise.all([
      createProductionTree(),
      createTestDatabase(),
      startS3Server(),
    ]);
    // Workers first, so the fan-out meets both; two calls each, so neither takes every job.
    // No metrics listener: two workers on one machine would want the same port.
    const workerEnv = { GENERATION_CONCURRENCY: '2', DEMO_PROFILE: 'fast', METRICS_PORT: '0' };
    const workers = await Promise.all(
      ['worker-1', 'worker-2'].map((n) => start('worker', n, workerEnv)),
    );
    await Promise.all(workers.map((worker) => worker.waitForOutput('worker started', 60_000)));
    // The first API seeds the catalog and launches its challenges; the second finds it seeded.
    await startApi('api-1', true);
    await startApi('api-2', false);
  }, 180_000);

  afterAll(async () => {
    const codes = await Promise.all(processes.map((p) => p.stop()));
    await deleteQueueKeys(prefix);
    await database?.drop();
    await s3?.close();
    await tree?.remove();
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
    // Every process shut down cleanly on SIGTERM.
    expect(codes).toEqual(processes.map(() => 0));
  }, 60_000);

  it('fans a launched catalog out across both workers, storing every image in the bucket', async () => {
    const db = database.handle.db;
    await waitFor(
      async () => {
        const rows = await db.select({ status: challenges.status }).from(challenges);
        return rows.length === 3 && rows.every((row) => row.status === 'voting');
      },
      90_000,
      'every challenge to open for voting',
    );
    const rows = await db
      .select({ id: generations.id, status: generations.status, imageId: generations.imageId })
      .from(generations);
    // Every generation ended (the demo provider's few failures are retried), most with an image.
    expect(rows.filter((r) => r.status !== 'succeeded' && r.status !== 'failed')).toEqual([]);
    const succeeded = rows.filter((r) => r.status === 'succeeded' && r.imageId !== null);
    expect(succeeded.length).toBeGreaterThan(rows.length / 2);
    // Each succeeded generation has exactly one succeeded provider call.
    const calls = await db
      .select({ generationId: generationTries.generationId, n: count() })
      .from(generationTries)
      .where(eq(generationTries.outcome, 'succeeded'))
      .groupBy(generationTries.generationId);
    expect(calls.filter((c) => c.n !== 1)).toEqual([]);
    expect(calls).toHaveLength(succeeded.length);
    // Images written to the bucket by each worker: both ran generations.
    const writes = s3.requests.filter((r) => r.method === 'PUT' && r.status === 200);
    const byWorker = (name: string) => writes.filter((r) => r.app === name).length;
    expect(byWorker('worker-1')).toBeGreaterThan(0);
    expect(byWorker('worker-2')).toBeGreaterThan(0);
    expect(byWorker('worker-1') + byWorker('worker-2')).toBeGreaterThanOrEqual(succeeded.length);
  });

  it('takes a voting load through both APIs: battles cross APIs, every vote stored, no 5xx', async () => {
    const answers: Answer[] = [];
    const outcomes: string[] = [];
    await Promise.all(
      Array.from({ length: VOTERS }, async (_, v) => {
        const voter = new CrossApiVoter(answers);
        for (let round = 0; round < ROUNDS; round += 1) {
          // Issued by one API; one image from each; the vote through the other.
          const [issuer, other] =
            (v + round) % 2 === 0 ? [apis[0]!, apis[1]!] : [apis[1]!, apis[0]!];
          const arena = round % 3 === 2 ? 'image-editing' : 'text-to-image';
          const battle = await voter.send<Battle>(
            issuer.name,
            issuer.base,
            'POST',
            '/api/battles',
            {
              arena,
            },
          );
          expect(battle.status).toBe(201);
          for (const [api, side] of [
            [issuer, battle.body.left],
            [other, battle.body.right],
          ] as const) {
            const image = await voter.send(api.name, api.base, 'GET', side.imageUrl);
            expect([image.status, image.type]).toEqual([200, 'image/webp']);
          }
          const outcome = VOTE_OUTCOMES[(v + round) % 3]!;
          const path = `/api/battles/${battle.body.id}/vote`;
          const vote = await voter.send(other.name, other.base, 'POST', path, { outcome });
          expect(vote.status, JSON.stringify(vote.body)).toBe(200);
          outcomes.push(`${battle.body.id}:${outcome}`);
        }
      }),
    );
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(outcomes).toHaveLength(VOTERS * ROUNDS);
    for (const api of apis) {
      const images = answers.filter((a) => a.api === api.name && a.path.includes('-images/'));
      expect(images.length, api.name).toBeGreaterThan(0);
    }

    // Every vote answered 200 is stored, once, with the outcome sent.
    const db = database.handle.db;
    const stored = await db
      .select({ battleId: votes.battleId, outcome: votes.outcome })
      .from(votes);
    expect(stored.map((row) => `${row.battleId}:${row.outcome}`).sort()).toEqual(outcomes.sort());

    // Both APIs rendered battle images from objects they read from the bucket themselves.
    const reads = s3.requests.filter((r) => r.method === 'GET' && r.status === 200);
    for (const name of ['api-1', 'api-2'])
      expect(reads.filter((r) => r.app === name).length, name).toBeGreaterThan(0);
    // And no process kept an image in its own folder.
    for (const dir of dataDirs) expect(existsSync(join(dir, 'images')), dir).toBe(false);
  });
});
