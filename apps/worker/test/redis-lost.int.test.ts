import { waitFor } from '@arena/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFanOutArena, type FanOutArena } from './support/fan-out-arena';
import { startWorkerProcess } from './support/worker-process';

const LOOPBACK_WORKER = 'apps/worker/test/support/loopback-worker.ts';

/**
 * Redis loses the queues mid fan-out (its keys deleted) while two workers run. The reconciler
 * puts back the jobs from Postgres, but only for generations no live worker holds: a
 * generation whose call is running keeps its lease, so nobody calls the provider for it again.
 */
describe('the queues lost mid fan-out with two workers', () => {
  let arena: FanOutArena;

  beforeAll(async () => {
    // Gemini answers synchronously: a second run of a generation is a second paid call.
    arena = await startFanOutArena({ kind: 'gemini', models: 6, concurrency: 8 });
  });
  afterAll(async () => {
    await arena?.close();
  });

  it('completes, and no generation has two provider calls', async () => {
    // Two long calls are running when the keys go; the other calls are quick, so the workers
    // have idle job slots (and the provider free slots) for whatever the reconciler enqueues
    // while those two run. It runs every second.
    arena.server.scenario.setDefaults({ latency: 1000 });
    arena.server.scenario.script(
      { kind: 'success', latencyMs: 20_000 },
      { kind: 'success', latencyMs: 20_000 },
    );
    const env = arena.workerEnv({ GENERATION_CONCURRENCY: '4', RECONCILE_INTERVAL_MS: '1000' });
    await arena.launch();
    const workers = [
      startWorkerProcess(env, LOOPBACK_WORKER),
      startWorkerProcess(env, LOOPBACK_WORKER),
    ];
    try {
      await waitFor(() => arena.calls().length >= 6, 60_000, 'the fan-out under way');
      expect((await arena.leasesHeld()).length).toBeGreaterThan(0);
      expect(await arena.deleteRedisKeys()).toBeGreaterThan(0);
      const deletedAt = Date.now();
      await arena.waitForVoting(120_000);
      console.info(`fan-out finished ${Date.now() - deletedAt} ms after the keys were deleted`);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }

    const rows = await arena.generations();
    expect(rows).toHaveLength(18);
    expect(rows.every((g) => g.status === 'succeeded')).toBe(true);
    const perGeneration = await arena.callsPerGeneration();
    const twice = [...perGeneration].filter(([, count]) => count !== 1);
    expect(twice, 'generations not called exactly once').toEqual([]);
    expect(await arena.leasesHeld()).toEqual([]);
  });
});
