import { challenges, generations, generationTries, images } from '@arena/db';
import { DeferJobError } from '@arena/jobs';
import { TEST_CATALOG_FILE } from '@arena/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findChallengeIdBySlug,
  launchChallenge,
  loadCatalog,
  runGeneration,
  syncCatalog,
} from '../src';
import { createTestServices, type TestServices } from './support/test-services';

/** The generation job is at-least-once: every run after the first must change nothing. */
describe('running a generation', () => {
  let test: TestServices;
  const db = () => test.ctx.db;
  const job = { attempt: 1, maxAttempts: 5, signal: new AbortController().signal };

  beforeAll(async () => {
    test = await createTestServices();
    const catalog = await loadCatalog(TEST_CATALOG_FILE);
    await syncCatalog(test.ctx, { catalog, catalogFile: TEST_CATALOG_FILE });
  });
  afterAll(async () => {
    await test?.close();
  });

  it('writes one row and keeps one image when a job runs twice at once', async () => {
    const id = await findChallengeIdBySlug(test.ctx, { slug: 'cafe-logo' });
    await launchChallenge(test.ctx, { challengeId: id });
    const [target] = await db().select().from(generations).where(eq(generations.challengeId, id));
    const runs = await Promise.allSettled([
      runGeneration(test.ctx, { generationId: target!.id, job }),
      runGeneration(test.ctx, { generationId: target!.id, job }),
    ]);
    // Both finish, or the one that found the other's lease is deferred (no second call).
    for (const run of runs) {
      if (run.status === 'rejected') expect(run.reason).toBeInstanceOf(DeferJobError);
    }
    // And once more after it finished: a no-op.
    await runGeneration(test.ctx, { generationId: target!.id, job });
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
    expect(generationImages.length).toBeGreaterThan(0);
  });

  it('records each call as a try, and opens the challenge when its last generation ends', async () => {
    const id = await findChallengeIdBySlug(test.ctx, { slug: 'rainy-street' });
    await launchChallenge(test.ctx, { challengeId: id });
    const rows = await db().select().from(generations).where(eq(generations.challengeId, id));
    for (const row of rows) {
      const [before] = await db().select().from(challenges).where(eq(challenges.id, id));
      // Generating until the very last generation has ended.
      expect(before!.status).toBe('generating');
      await runGeneration(test.ctx, { generationId: row.id, job });
    }
    const [after] = await db().select().from(challenges).where(eq(challenges.id, id));
    expect(after!.status).toBe('voting');
    const tries = await db()
      .select()
      .from(generationTries)
      .innerJoin(generations, eq(generations.id, generationTries.generationId))
      .where(eq(generations.challengeId, id));
    expect(tries).toHaveLength(rows.length);
    expect(tries.every((t) => t.generation_tries.outcome === 'succeeded')).toBe(true);
    expect(tries.every((t) => t.generation_tries.latencyMs !== null)).toBe(true);
  });

  it('skips a generation that no longer exists', async () => {
    await expect(
      runGeneration(test.ctx, { generationId: '00000000-0000-4000-8000-000000000000', job }),
    ).resolves.toBeUndefined();
  });
});
