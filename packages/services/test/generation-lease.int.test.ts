import { generations, generationTries } from '@arena/db';
import { DeferJobError, type JobQueue, type JobRequest } from '@arena/jobs';
import { TEST_CATALOG_FILE } from '@arena/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findChallengeIdBySlug,
  launchChallenge,
  loadCatalog,
  reconcileGenerations,
  runGeneration,
  syncCatalog,
  type ServiceContext,
} from '../src';
import { claimGeneration } from '../src/generations/generation-lease';
import { createTestServices, type TestServices } from './support/test-services';

/** Generation leases: two workers, one provider call; a dead worker's lease lapses. */
describe('generation leases', () => {
  let test: TestServices;
  let rows: Array<typeof generations.$inferSelect>;
  const job = { attempt: 1, maxAttempts: 5, signal: new AbortController().signal };
  const as = (workerId: string, workerLeaseMs = 15_000): ServiceContext => ({
    ...test.ctx,
    workerId,
    config: { ...test.ctx.config, workerLeaseMs },
  });
  const row = async (id: string) =>
    (await test.ctx.db.select().from(generations).where(eq(generations.id, id)))[0]!;
  const lapse = (id: string) =>
    test.ctx.db
      .update(generations)
      .set({ leaseExpiresAt: sql`now() - interval '1 second'` })
      .where(eq(generations.id, id));

  beforeAll(async () => {
    test = await createTestServices();
    const catalog = await loadCatalog(TEST_CATALOG_FILE);
    await syncCatalog(test.ctx, { catalog, catalogFile: TEST_CATALOG_FILE });
    const challengeId = await findChallengeIdBySlug(test.ctx, { slug: 'night-sky' });
    await launchChallenge(test.ctx, { challengeId });
    rows = await test.ctx.db
      .select()
      .from(generations)
      .where(eq(generations.challengeId, challengeId));
  });
  afterAll(async () => {
    await test?.close();
  });

  it('lets one worker hold a generation; another is deferred without calling', async () => {
    const target = rows[0]!;
    const claim = await claimGeneration(as('worker-a'), { generationId: target.id });
    if (!('lease' in claim)) throw new Error('worker a should hold the lease');
    const other = await claimGeneration(as('worker-b'), { generationId: target.id });
    expect('heldForMs' in other && other.heldForMs > 10_000 && other.heldForMs <= 15_000).toBe(
      true,
    );
    // The same process's second job for it is refused too: one call at a time.
    const again = await claimGeneration(as('worker-a'), { generationId: target.id });
    expect('heldForMs' in again).toBe(true);
    const deferred = runGeneration(as('worker-b'), { generationId: target.id, job });
    await expect(deferred).rejects.toBeInstanceOf(DeferJobError);
    const tries = await test.ctx.db
      .select()
      .from(generationTries)
      .where(eq(generationTries.generationId, target.id));
    expect(tries).toEqual([]);
    await claim.lease.release();
    expect(await row(target.id)).toMatchObject({ leaseOwner: null, leaseExpiresAt: null });
    await runGeneration(as('worker-b'), { generationId: target.id, job });
    expect(await row(target.id)).toMatchObject({ status: 'succeeded', leaseOwner: null });
  });

  it('passes to another worker once the holder stops renewing', async () => {
    const target = rows[1]!;
    const claim = await claimGeneration(as('worker-a'), { generationId: target.id });
    expect('lease' in claim).toBe(true);
    await lapse(target.id); // as if worker a died a lease ago
    await runGeneration(as('worker-b'), { generationId: target.id, job });
    expect((await row(target.id)).status).toBe('succeeded');
  });

  it('renews a held lease until it is released', async () => {
    const target = rows[2]!;
    const claim = await claimGeneration(as('worker-a', 1200), { generationId: target.id });
    if (!('lease' in claim)) throw new Error('worker a should hold the lease');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const [renewed] = await test.ctx.db
      .select({ live: sql<boolean>`${generations.leaseExpiresAt} > now()` })
      .from(generations)
      .where(eq(generations.id, target.id));
    expect(renewed!.live).toBe(true);
    await claim.lease.release();
    expect((await row(target.id)).leaseOwner).toBeNull();
  });

  it('reconciles only unfinished generations without a live lease', async () => {
    const [held, lapsed] = [rows[3]!, rows[4]!];
    const heldClaim = await claimGeneration(as('worker-a'), { generationId: held.id });
    const lapsedClaim = await claimGeneration(as('worker-a'), { generationId: lapsed.id });
    await lapse(lapsed.id);
    const enqueued: JobRequest[] = [];
    const queue: JobQueue = {
      enqueue: async () => {},
      enqueueMany: async (requests) => void enqueued.push(...requests),
      close: async () => {},
    };
    await reconcileGenerations({ ...test.ctx, queue });
    const ids = enqueued.map((r) => (r.payload as { generationId: string }).generationId);
    const unfinished = rows.slice(2).map((r) => r.id);
    expect(ids).not.toContain(held.id);
    expect(ids).toContain(lapsed.id);
    expect(ids.sort()).toEqual(unfinished.filter((id) => id !== held.id).sort());
    for (const claim of [heldClaim, lapsedClaim]) if ('lease' in claim) await claim.lease.release();
  });
});
