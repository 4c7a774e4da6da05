import { waitFor } from '@arena/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFanOutArena, type FanOutArena } from './support/fan-out-arena';
import { startWorkerProcess } from './support/worker-process';

const LOOPBACK_WORKER = 'apps/worker/test/support/loopback-worker.ts';

/**
 * A worker killed outright (`kill -9`) while it holds every slot of a provider: its slots are
 * short leases it can no longer renew, so another worker calls that provider again within
 * seconds (not after the generation deadline, as when slots lasted a whole call), and the
 * dead worker's calls are resumed, not paid again.
 */
describe('a worker killed with provider calls in flight', () => {
  let arena: FanOutArena;

  beforeAll(async () => {
    // fal, so the dead worker's acknowledged requests are resumed by request id; 4 slots.
    arena = await startFanOutArena({ kind: 'fal', models: 4, concurrency: 4 });
  });
  afterAll(async () => {
    await arena?.close();
  });

  it('lets another worker start the pending calls within 30 s; every generation ends once', async () => {
    // The calls the first worker makes outlast the test's kill; later ones are quick.
    arena.server.scenario.setDefaults({ latency: 3000 });
    for (let i = 0; i < 4; i++)
      arena.server.scenario.script({ kind: 'success', latencyMs: 30_000 });
    // Production lease settings; a short job lock only so the dead worker's own jobs come back
    // sooner (they wait for it, then for the generation leases, which lapse with the slots').
    const env = arena.workerEnv({
      GENERATION_CONCURRENCY: '8',
      JOB_LOCK_MS: '5000',
      LOG_LEVEL: 'info',
    });
    await arena.launch();
    const doomed = startWorkerProcess(env, LOOPBACK_WORKER);
    let survivor: ReturnType<typeof startWorkerProcess> | undefined;
    let killedAt = 0;
    try {
      await doomed.started();
      await waitFor(
        async () => (await arena.tries()).filter((t) => t.try.providerRequestId).length === 4,
        60_000,
        'the first worker to hold all four slots, its requests acknowledged',
      );
      // The second worker is up and finds the provider saturated: its jobs wait.
      survivor = startWorkerProcess(env, LOOPBACK_WORKER);
      await survivor.started();
      expect(arena.calls()).toHaveLength(4);
      killedAt = Date.now();
      await doomed.kill();

      await waitFor(
        () => arena.calls().some((call) => call.receivedAt > killedAt),
        30_000,
        'a provider call after the kill',
      );
      const firstCallMs = Math.min(
        ...arena
          .calls()
          .filter((c) => c.receivedAt > killedAt)
          .map((c) => c.receivedAt),
      );
      console.info(`first provider call ${firstCallMs - killedAt} ms after the kill`);
      await arena.waitForVoting(120_000);
      console.info(`fan-out finished ${Date.now() - killedAt} ms after the kill`);
    } finally {
      await doomed.kill();
      await survivor?.stop();
    }
    expect(survivor!.child.exitCode).toBe(0);

    // Every generation ended once: one success, one paid request (the four interrupted ones
    // resumed on the requests the dead worker had submitted).
    const rows = await arena.generations();
    expect(rows).toHaveLength(12);
    expect(rows.every((g) => g.status === 'succeeded')).toBe(true);
    expect(new Set(rows.map((g) => g.imageId)).size).toBe(12);
    for (const count of (await arena.callsPerGeneration()).values()) expect(count).toBe(1);
    const tries = await arena.tries();
    for (const g of rows) {
      const own = tries.filter((t) => t.generationId === g.id).map((t) => t.try);
      expect(own.filter((t) => t.outcome === 'succeeded')).toHaveLength(1);
      expect(own.filter((t) => t.outcome === 'failed').map((t) => t.errorClass)).toEqual(
        own.filter((t) => t.outcome === 'failed').map(() => 'worker_lost'),
      );
    }
    expect(tries.filter((t) => t.try.resumed)).toHaveLength(4);
    expect(await arena.leasesHeld()).toEqual([]);
  });
});
