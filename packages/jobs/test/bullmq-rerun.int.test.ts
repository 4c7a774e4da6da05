import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createBullMqQueue, createBullMqRunner, type JobHandlers } from '../src';

const REDIS_URL = 'redis://127.0.0.1:6379';

/** `rerunIfActive` over BullMQ: a debounced job asked for while it runs runs once more. */
describe('BullMQ queue, a debounced job asked for while it runs', () => {
  const prefix = `arena-test-${randomUUID().slice(0, 8)}`;
  const queue = createBullMqQueue({ redisUrl: REDIS_URL, prefix });
  const runner = createBullMqRunner({ redisUrl: REDIS_URL, prefix });
  afterAll(async () => {
    await runner.stop();
    await queue.close();
  });

  it('runs it once more after the run under way, and only once', async () => {
    let release!: () => void;
    const runs: string[] = [];
    const handlers: JobHandlers = {
      'generation.run': async () => {},
      'leaderboard.recompute': async () => {},
      'ratings.apply': async (_payload, context) => {
        runs.push(context.jobId);
        if (runs.length === 1) await new Promise<void>((resolve) => (release = resolve));
      },
    };
    await runner.start(handlers);
    const ask = (rerunIfActive: boolean) =>
      queue.enqueue(
        'ratings.apply',
        {},
        { jobId: 'ratings.apply', replaceFinished: true, rerunIfActive, delayMs: 10 },
      );
    await ask(true);
    await vi.waitFor(() => expect(runs).toHaveLength(1), { timeout: 10_000 });
    await ask(false); // without the option: a no-op while it runs
    for (let i = 0; i < 3; i++) await ask(true);
    release();
    await vi.waitFor(() => expect(runs).toHaveLength(2), { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runs).toEqual(['ratings.apply', 'ratings.apply.again']);
  });
});
