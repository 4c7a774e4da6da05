import { challenges, generations, generationTries, images } from '@arena/db';
import { findChallengeIdBySlug, launchChallenge, syncCatalog } from '@arena/services';
import {
  createTestRuntime,
  FAKE_KEY_ENV,
  fleetCatalog,
  startFakeFleet,
  type FakeFleet,
  type TestRuntime,
} from '@arena/runtime/testing';
import { TEST_REDIS_URL, waitFor } from '@arena/testing';
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerProcess } from './support/worker-process';

/**
 * fal and Replicate answer asynchronously: the arena stores the request id before polling, so
 * a worker killed mid-poll is followed by one that resumes the same request. One paid request,
 * one image.
 */
describe('resuming provider requests after a worker dies', () => {
  let fleet: FakeFleet;
  let api: TestRuntime;

  beforeAll(async () => {
    fleet = await startFakeFleet(5);
    // Long enough that the worker is surely killed while polling.
    fleet.servers.fal.scenario.setDefaults({ latency: 8000 });
    fleet.servers.replicate.scenario.setDefaults({ latency: 8000 });
    api = await createTestRuntime({ driver: 'postgres', bullmq: true, runJobs: false });
    await syncCatalog(api.runtime.ctx, {
      catalog: fleetCatalog(fleet, [
        { slug: 'm-fal', routes: [{ kind: 'fal' }] },
        { slug: 'm-replicate', routes: [{ kind: 'replicate' }] },
      ]),
    });
  });
  afterAll(async () => {
    await api?.close();
    await fleet?.close();
  });

  it('resumes the same request ids after a restart', async () => {
    const { ctx } = api.runtime;
    const challengeId = await findChallengeIdBySlug(ctx, { slug: 'challenge-1' });
    await launchChallenge(ctx, { challengeId });
    const env = {
      DATABASE_URL: api.database!.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: api.queuePrefix,
      DATA_DIR: api.dataDir,
      GENERATION_CONCURRENCY: '8',
      JOB_LOCK_MS: '2000',
      [FAKE_KEY_ENV]: fleet.key,
    };
    const entry = 'apps/worker/test/support/loopback-worker.ts';
    const tries = () =>
      ctx.db
        .select()
        .from(generationTries)
        .innerJoin(generations, eq(generations.id, generationTries.generationId))
        .where(eq(generations.challengeId, challengeId))
        .orderBy(asc(generationTries.tryNo));

    const first = startWorkerProcess(env, entry);
    try {
      await waitFor(
        async () => {
          const rows = await tries();
          return rows.length === 6 && rows.every((r) => r.generation_tries.providerRequestId);
        },
        60_000,
        'six requests submitted and their ids stored',
      );
    } finally {
      await first.kill();
    }
    const submitted = (await tries()).map((r) => r.generation_tries.providerRequestId);
    expect(fleet.servers.fal.requestsOf('submit')).toHaveLength(3);
    expect(fleet.servers.replicate.requestsOf('submit')).toHaveLength(3);

    const second = startWorkerProcess(env, entry);
    try {
      await waitFor(
        async () => {
          const [row] = await ctx.db
            .select()
            .from(challenges)
            .where(eq(challenges.id, challengeId));
          return row!.status === 'voting';
        },
        90_000,
        'generation to finish after the restart',
      );
    } finally {
      await second.stop();
    }

    // Still one paid request per generation: nothing was submitted again.
    expect(fleet.servers.fal.requestsOf('submit')).toHaveLength(3);
    expect(fleet.servers.replicate.requestsOf('submit')).toHaveLength(3);
    const rows = await ctx.db
      .select()
      .from(generations)
      .where(eq(generations.challengeId, challengeId));
    expect(rows).toHaveLength(6);
    for (const generation of rows) {
      expect(generation.status).toBe('succeeded');
      const own = (await tries())
        .filter((r) => r.generations.id === generation.id)
        .map((r) => r.generation_tries);
      expect(own).toHaveLength(2);
      expect(own[0]!.errorClass).toBe('worker_lost');
      expect(own[1]!.resumed).toBe(true);
      expect(own[1]!.outcome).toBe('succeeded');
      expect(own[1]!.providerRequestId).toBe(own[0]!.providerRequestId);
      expect(submitted).toContain(own[1]!.providerRequestId);
    }
    const stored = await ctx.db
      .select()
      .from(images)
      .where(
        inArray(
          images.id,
          rows.map((r) => r.imageId!),
        ),
      );
    expect(stored).toHaveLength(6);
    const polled = fleet.servers.fal.requestsOf('status').map((r) => r.path);
    for (const id of submitted.filter((s) => s && fleet.servers.fal.jobs.has(s))) {
      expect(polled.some((path) => path.includes(id!))).toBe(true);
    }
  });
});
