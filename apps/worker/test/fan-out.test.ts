import { challenges, generations, images, models } from '@arena/db';
import { generationJobId } from '@arena/jobs';
import { createJobHandlers, launchChallenge, loadCatalog, syncCatalog } from '@arena/services';
import {
  createTestRuntime,
  deleteQueueKeys,
  TEST_CATALOG_FILE,
  TEST_REDIS_URL,
  waitFor,
  type TestRuntime,
} from '@arena/testing';
import { Queue } from 'bullmq';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerProcess } from './support/worker-process';

/**
 * Fan-out through BullMQ on real Redis and Postgres: every model x 3 attempts, idempotent
 * handlers, a worker killed mid-flight, and Redis losing its queues.
 */
describe('fan-out through BullMQ', () => {
  // The API side: enqueues into BullMQ but runs no jobs.
  let api: TestRuntime;

  beforeAll(async () => {
    api = await createTestRuntime({ driver: 'postgres', bullmq: true, runJobs: false });
    await syncCatalog(api.runtime.ctx, await loadCatalog(TEST_CATALOG_FILE), TEST_CATALOG_FILE);
  });
  afterAll(async () => {
    await api?.close();
  });

  const db = () => api.runtime.ctx.db;

  /** A worker in this process on the API's database, images and queues. */
  const startWorkerRuntime = () =>
    createTestRuntime({
      driver: 'postgres',
      bullmq: true,
      database: api.database,
      env: { QUEUE_PREFIX: api.queuePrefix, DATA_DIR: api.dataDir },
    });

  async function challengeId(slug: string) {
    const [row] = await db()
      .select({ id: challenges.id })
      .from(challenges)
      .where(eq(challenges.slug, slug));
    return row!.id;
  }

  async function generationRows(id: string) {
    return db().select().from(generations).where(eq(generations.challengeId, id));
  }

  /** Every generation succeeded and the challenge opened (which happens just after). */
  async function fanOutDone(id: string) {
    const rows = await generationRows(id);
    const [challenge] = await db().select().from(challenges).where(eq(challenges.id, id));
    return rows.every((r) => r.status === 'succeeded') && challenge!.status === 'voting';
  }

  async function expectCompleteFanOut(id: string, arena: 'text-to-image' | 'image-editing') {
    const arenaModels = await db()
      .select({ id: models.id })
      .from(models)
      .where(sql`${arena} = any(${models.arenas})`);
    const rows = await generationRows(id);
    expect(rows).toHaveLength(arenaModels.length * 3);
    const keys = new Set(rows.map((r) => `${r.modelId}/${r.attempt}`));
    expect(keys.size).toBe(rows.length);
    for (const model of arenaModels) {
      expect(
        rows
          .filter((r) => r.modelId === model.id)
          .map((r) => r.attempt)
          .sort(),
      ).toEqual([1, 2, 3]);
    }
    expect(rows.every((r) => r.status === 'succeeded')).toBe(true);
    const imageIds = rows.map((r) => r.imageId!);
    expect(new Set(imageIds).size).toBe(rows.length);
    const stored = await db().select().from(images).where(inArray(images.id, imageIds));
    expect(stored).toHaveLength(rows.length);
    const [challenge] = await db().select().from(challenges).where(eq(challenges.id, id));
    expect(challenge!.status).toBe('voting');
  }

  it('fans a challenge out to every model x 3 attempts, one deterministic job each', async () => {
    const id = await challengeId('rainy-street');
    const launched = await launchChallenge(api.runtime.ctx, { challengeId: id });
    expect(launched.generations).toBe(12);
    const queue = new Queue('generation', {
      connection: { url: TEST_REDIS_URL },
      prefix: api.queuePrefix,
    });
    try {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(12);
      const rows = await generationRows(id);
      for (const row of rows) expect(await queue.getJob(generationJobId(row.id))).toBeDefined();
      // Enqueueing the same work again adds nothing.
      await api.runtime.ctx.queue.enqueueMany(
        rows.map((row) => ({
          name: 'generation.run' as const,
          payload: { generationId: row.id },
          options: { jobId: generationJobId(row.id) },
        })),
      );
      const again = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      expect(Object.values(again).reduce((a, b) => a + b, 0)).toBe(12);
    } finally {
      await queue.close();
    }

    const worker = await startWorkerRuntime();
    try {
      await worker.runtime.startJobs();
      await waitFor(() => fanOutDone(id), 60_000, 'fan-out');
      await expectCompleteFanOut(id, 'text-to-image');
    } finally {
      await worker.close();
    }
  });

  it('writes one row and keeps one image when a job runs twice at once', async () => {
    const id = await challengeId('cafe-logo');
    await launchChallenge(api.runtime.ctx, { challengeId: id });
    const [target] = await generationRows(id);
    const handlers = createJobHandlers(api.runtime.ctx);
    const job = { attempt: 1, maxAttempts: 5, signal: new AbortController().signal, jobId: 'x' };
    await Promise.all([
      handlers['generation.run']({ generationId: target!.id }, job),
      handlers['generation.run']({ generationId: target!.id }, job),
    ]);
    // And once more after it finished: a no-op.
    await handlers['generation.run']({ generationId: target!.id }, job);
    const [row] = await db().select().from(generations).where(eq(generations.id, target!.id));
    expect(row!.status).toBe('succeeded');
    const sameRow = await db()
      .select()
      .from(generations)
      .where(
        and(
          eq(generations.challengeId, id),
          eq(generations.modelId, target!.modelId),
          eq(generations.attempt, target!.attempt),
        ),
      );
    expect(sameRow).toHaveLength(1);
    const generationImages = await db().select().from(images).where(eq(images.kind, 'generation'));
    const referenced = new Set(
      (await db().select({ imageId: generations.imageId }).from(generations)).map((r) => r.imageId),
    );
    // The losing run's image was discarded: every generation image is referenced.
    expect(generationImages.filter((image) => !referenced.has(image.id))).toHaveLength(0);
  });

  it('finishes the fan-out after the worker is killed mid-way', async () => {
    const id = await challengeId('night-sky');
    await launchChallenge(api.runtime.ctx, { challengeId: id });
    const env = {
      DATABASE_URL: api.database!.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: api.queuePrefix,
      DATA_DIR: api.dataDir,
      DEMO_PROFILE: 'fast',
      DEMO_LATENCY_SCALE: '3',
      GENERATION_CONCURRENCY: '2',
      JOB_LOCK_MS: '2000',
    };
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
      await waitFor(() => fanOutDone(id), 90_000, 'the fan-out to finish after restart');
    } finally {
      await second.stop();
    }
    await expectCompleteFanOut(id, 'image-editing');
  });

  it('loses nothing when Redis loses its queues', async () => {
    await db()
      .update(challenges)
      .set({ status: 'draft' })
      .where(eq(challenges.slug, 'rainy-street'));
    await db()
      .delete(generations)
      .where(eq(generations.challengeId, await challengeId('rainy-street')));
    const id = await challengeId('rainy-street');
    await launchChallenge(api.runtime.ctx, { challengeId: id });
    await deleteQueueKeys(api.queuePrefix); // every queued job is gone
    const worker = await startWorkerRuntime();
    try {
      await worker.runtime.startJobs(); // the reconciler re-enqueues from Postgres
      await waitFor(() => fanOutDone(id), 60_000, 'recovery');
    } finally {
      await worker.close();
    }
    await expectCompleteFanOut(id, 'text-to-image');
  });
});
