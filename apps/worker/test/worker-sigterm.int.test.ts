import { waitFor } from '@arena/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFanOutArena, type FanOutArena } from './support/fan-out-arena';
import { startWorkerProcess } from './support/worker-process';

const LOOPBACK_WORKER = 'apps/worker/test/support/loopback-worker.ts';
const GRACE_MS = 4000;

/**
 * SIGTERM mid fan-out: the worker takes no new job, lets the calls that end within its grace
 * end, hands the others back to the queue at once (their provider requests to be resumed),
 * releases every provider slot and generation lease, and exits 0. Another worker finishes.
 */
describe('a worker stopped with SIGTERM during a fan-out', () => {
  let arena: FanOutArena;

  beforeAll(async () => {
    arena = await startFanOutArena({ kind: 'fal', models: 4, concurrency: 8 });
  });
  afterAll(async () => {
    await arena?.close();
  });

  it('finishes or hands back every job and leaves no lease behind', async () => {
    // Of the first four calls two end within the grace and two do not; later calls are quick.
    arena.server.scenario.setDefaults({ latency: 500 });
    arena.server.scenario.script(
      { kind: 'success', latencyMs: 1500 },
      { kind: 'success', latencyMs: 1500 },
      { kind: 'success', latencyMs: 15_000 },
      { kind: 'success', latencyMs: 15_000 },
    );
    const env = arena.workerEnv({
      GENERATION_CONCURRENCY: '4',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      LOG_LEVEL: 'info',
    });
    await arena.launch();
    const stopped = startWorkerProcess(env, LOOPBACK_WORKER);
    const workerId = await stopped.started();
    await waitFor(() => arena.calls().length === 4, 60_000, 'four calls in flight');
    const [quick, slow] = [arena.calls().slice(0, 2), arena.calls().slice(2)];
    // Each running job holds its generation's lease, in this worker's name.
    expect((await arena.leasesHeld()).map((lease) => lease.owner)).toEqual(Array(4).fill(workerId));
    const signalledAt = Date.now();
    await stopped.stop();
    const stopMs = Date.now() - signalledAt;
    console.info(`the worker stopped ${stopMs} ms after SIGTERM (grace ${GRACE_MS} ms)`);
    expect(stopped.child.exitCode).toBe(0);
    expect(stopped.errors()).toEqual([]);
    // It waited for the grace (the slow calls), and not much longer.
    expect(stopMs).toBeGreaterThanOrEqual(GRACE_MS);
    expect(stopMs).toBeLessThan(GRACE_MS + 5000);
    // No new call after the signal: it took no new job.
    expect(arena.calls()).toHaveLength(4);

    const rows = await arena.generations();
    const bySeed = new Map(rows.map((g) => [g.seed, g]));
    // The calls that could end within the grace ended, with their images stored.
    for (const call of quick) expect(bySeed.get(call.seed!)!.status).toBe('succeeded');
    // The others were handed back, their requests kept to be resumed; not counted as failures.
    const tries = await arena.tries();
    for (const call of slow) {
      const generation = bySeed.get(call.seed!)!;
      expect(generation.status).toBe('running');
      const [interrupted] = tries.filter((t) => t.generationId === generation.id);
      expect(interrupted!.try.errorClass).toBe('worker_lost');
      expect(interrupted!.try.providerRequestId).toBeTruthy();
      expect(interrupted!.try.requestSettled).toBe(false);
    }
    // No lease left: neither generation leases nor provider slots.
    expect(await arena.leasesHeld()).toEqual([]);
    expect(await arena.slotKeys()).toEqual([]);
    // No job lost: every unfinished generation's job is back in the queue, none held active.
    const states = await arena.jobStates();
    for (const generation of rows.filter((g) => g.status !== 'succeeded')) {
      expect(['wait', 'delayed', 'prioritized']).toContain(states.get(generation.id));
    }

    // Another worker finishes the fan-out, resuming the two handed-back requests.
    const next = startWorkerProcess(env, LOOPBACK_WORKER);
    try {
      await arena.waitForVoting(60_000);
    } finally {
      await next.stop();
    }
    expect(next.child.exitCode).toBe(0);
    const done = await arena.generations();
    expect(done.every((g) => g.status === 'succeeded')).toBe(true);
    for (const count of (await arena.callsPerGeneration()).values()) expect(count).toBe(1);
    expect(await arena.leasesHeld()).toEqual([]);
    expect(await arena.slotKeys()).toEqual([]);
  });
});
