import { leaderboardSnapshots } from '@arena/db';
import { requestLeaderboardRecompute, seedCatalogIfEmpty } from '@arena/services';
import { delayedJobIds, insertVotes, TEST_CATALOG_FILE, waitFor } from '@arena/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../src/testing';

/**
 * The debounce on BullMQ, as production runs it: requests while a recompute is delayed are one
 * job, and a recompute that ran does not block the next request.
 */
describe('leaderboard recompute requests on BullMQ', () => {
  let test: TestRuntime;

  beforeAll(async () => {
    test = await createTestRuntime({ driver: 'postgres', bullmq: true });
    await seedCatalogIfEmpty(test.runtime.ctx, { catalogFile: TEST_CATALOG_FILE });
    await test.runtime.startJobs();
  });
  afterAll(async () => {
    await test?.close();
  });

  it('folds a burst of requests into one delayed job, which then runs', async () => {
    const { ctx } = test.runtime;
    // Generations need not finish: hand-made votes only need the generation rows.
    await insertVotes(ctx.db, [
      {
        challenge: 'rainy-street',
        left: ['alpha-image', 1],
        right: ['beta-diffusion', 1],
        outcome: 'left',
      },
    ]);
    // The first request is one delayed job: the recompute, or, asked for while the start-up
    // recompute still runs, that run's rerun (`.again`). The next four change nothing.
    await waitFor(async () => {
      await requestLeaderboardRecompute(ctx, { delayMs: 4_000 });
      return (await delayedJobIds(test.queuePrefix, 'maintenance')).length === 1;
    }, 10_000);
    const [first] = await delayedJobIds(test.queuePrefix, 'maintenance');
    for (let i = 0; i < 4; i += 1) await requestLeaderboardRecompute(ctx, { delayMs: 4_000 });
    expect(await delayedJobIds(test.queuePrefix, 'maintenance')).toEqual([first]);
    expect(['leaderboard.recompute', 'leaderboard.recompute.again']).toContain(first);
    await waitFor(
      async () => (await ctx.db.select().from(leaderboardSnapshots)).length > 0,
      30_000,
    );
    // Finished jobs leave Redis, so the next request is a new job.
    await waitFor(async () => {
      await requestLeaderboardRecompute(ctx, { delayMs: 60_000 });
      return (await delayedJobIds(test.queuePrefix, 'maintenance')).length === 1;
    }, 10_000);
  });
});
