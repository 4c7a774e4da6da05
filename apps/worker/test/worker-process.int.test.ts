import { challenges, generations, images, models } from '@arena/db';
import { createTestRuntime, type TestRuntime } from '@arena/runtime/testing';
import { launchChallenge, loadCatalog, syncCatalog } from '@arena/services';
import { TEST_CATALOG_FILE, TEST_REDIS_URL, waitFor } from '@arena/testing';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerProcess } from './support/worker-process';

/**
 * The worker as production runs it, a process of its own: killed mid-fan-out it loses
 * nothing, it stops gracefully on SIGTERM, and it refuses to start without its services.
 */
describe('the worker process', () => {
  // The API side: enqueues into BullMQ but runs no jobs.
  let api: TestRuntime;
  const db = () => api.runtime.ctx.db;
  const workerEnv = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: api.database!.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: api.queuePrefix,
    DATA_DIR: api.dataDir,
    ...extra,
  });

  beforeAll(async () => {
    api = await createTestRuntime({ driver: 'postgres', bullmq: true, runJobs: false });
    const catalog = await loadCatalog(TEST_CATALOG_FILE);
    await syncCatalog(api.runtime.ctx, { catalog, catalogFile: TEST_CATALOG_FILE });
  });
  afterAll(async () => {
    await api?.close();
  });

  async function launch(slug: string) {
    const [row] = await db().select().from(challenges).where(eq(challenges.slug, slug));
    await launchChallenge(api.runtime.ctx, { challengeId: row!.id });
    return row!.id;
  }
  const generationRows = (id: string) =>
    db().select().from(generations).where(eq(generations.challengeId, id));

  it('finishes the fan-out after the worker is killed mid-way', async () => {
    const id = await launch('night-sky');
    const env = workerEnv({
      DEMO_PROFILE: 'fast',
      DEMO_LATENCY_SCALE: '3',
      GENERATION_CONCURRENCY: '2',
      JOB_LOCK_MS: '2000',
    });
    const first = startWorkerProcess(env);
    try {
      await waitFor(
        async () => (await generationRows(id)).some((r) => r.status === 'succeeded'),
        60_000,
        'a first generation',
      );
    } finally {
      await first.kill();
    }
    const midway = await generationRows(id);
    expect(midway.some((r) => r.status === 'pending' || r.status === 'running')).toBe(true);

    const second = startWorkerProcess(env);
    try {
      await waitFor(
        async () => {
          const [challenge] = await db().select().from(challenges).where(eq(challenges.id, id));
          return challenge!.status === 'voting';
        },
        90_000,
        'the fan-out to finish after restart',
      );
    } finally {
      await second.stop();
    }
    const rows = await generationRows(id);
    const editors = await db()
      .select({ id: models.id })
      .from(models)
      .where(sql`'image-editing' = any(${models.arenas})`);
    expect(rows).toHaveLength(editors.length * 3);
    expect(rows.every((r) => r.status === 'succeeded')).toBe(true);
    const imageIds = rows.map((r) => r.imageId!);
    expect(new Set(imageIds).size).toBe(rows.length);
    expect(await db().select().from(images).where(inArray(images.id, imageIds))).toHaveLength(
      rows.length,
    );
  });

  it('stops on SIGTERM with exit code 0 and no error logged', async () => {
    const id = await launch('cafe-logo');
    const worker = startWorkerProcess(workerEnv({ DEMO_PROFILE: 'fast' }));
    await waitFor(
      async () => (await generationRows(id)).some((r) => r.status !== 'pending'),
      60_000,
      'the worker to take a job',
    );
    await worker.stop();
    expect(worker.child.exitCode).toBe(0);
    // Calls cut short by the shutdown are warnings ("job will retry"), never errors.
    const levels = worker
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { level: number }).level);
    expect(levels.filter((level) => level >= 50)).toEqual([]);
  });

  it('refuses to start without Postgres and Redis, saying why', async () => {
    const worker = startWorkerProcess({ DATA_DIR: api.dataDir });
    await worker.exited;
    expect(worker.child.exitCode).toBe(1);
    expect(worker.output()).toMatch(/needs DATABASE_URL and REDIS_URL/);
  });
});
