import { challenges, generations, images, models } from '@arena/db';
import { generationJobId } from '@arena/jobs';
import { launchChallenge, loadCatalog, syncCatalog } from '@arena/services';
import { deleteQueueKeys, TEST_CATALOG_FILE, TEST_REDIS_URL, waitFor } from '@arena/testing';
import { Queue } from 'bullmq';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../src/testing';

/**
 * Fan-out through BullMQ on real Redis and Postgres, an API runtime enqueueing and a worker
 * runtime running: every model x 3 attempts, one deterministic job each, and Redis losing its
 * queues. (A worker process killed mid-way: apps/worker/test.)
 */
describe('fan-out through BullMQ', () => {
  // The API side: enqueues into BullMQ but runs no jobs.
  let api: TestRuntime;

  beforeAll(async () => {
    api = await createTestRuntime({ driver: 'postgres', bullmq: true, runJobs: false });
    const catalog = await loadCatalog(TEST_CATALOG_FILE);
    await syncCatalog(api.runtime.ctx, { catalog, catalogFile: TEST_CATALOG_FILE });
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
