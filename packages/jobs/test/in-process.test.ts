import { describe, expect, it, vi } from 'vitest';
import {
  createInProcessJobs,
  DeferJobError,
  PermanentJobError,
  RetryLaterError,
  type JobHandlers,
} from '../src';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function jobsWith(run: JobHandlers['generation.run'], concurrency = 2) {
  const jobs = createInProcessJobs({
    concurrency: { generation: concurrency },
    random: () => 0,
    retry: { 'generation.run': { attempts: 5, baseDelayMs: 20, maxDelayMs: 1000 } },
  });
  const handlers: JobHandlers = {
    'generation.run': run,
    'leaderboard.recompute': async () => {},
    'ratings.apply': async () => {},
  };
  const start = jobs.start.bind(jobs);
  return Object.assign(jobs, { start: () => start(handlers) });
}

describe('in-process job runner', () => {
  it('runs each job id once while it is queued or running', async () => {
    const seen: string[] = [];
    const jobs = jobsWith(async ({ generationId }) => {
      seen.push(generationId);
    });
    for (let i = 0; i < 3; i++)
      await jobs.enqueue('generation.run', { generationId: id(1) }, { jobId: 'a' });
    await jobs.enqueue('generation.run', { generationId: id(2) }, { jobId: 'b' });
    await jobs.start();
    await jobs.idle();
    expect(seen.sort()).toEqual([id(1), id(2)]);
    await jobs.stop();
  });

  it('keeps to the queue concurrency', async () => {
    let running = 0;
    let peak = 0;
    const jobs = jobsWith(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
    }, 3);
    await jobs.start();
    await jobs.enqueueMany(
      Array.from({ length: 20 }, (_, i) => ({
        name: 'generation.run' as const,
        payload: { generationId: id(i) },
      })),
    );
    await jobs.idle();
    expect(peak).toBe(3);
    await jobs.stop();
  });

  it('retries with backoff, honouring Retry-After, then gives up', async () => {
    const attempts: number[] = [];
    const started = Date.now();
    const jobs = jobsWith(async (_payload, context) => {
      attempts.push(context.attempt);
      if (context.attempt === 1) throw new RetryLaterError('rate limited', 300);
      throw new Error('still broken');
    });
    await jobs.start();
    await jobs.enqueue('generation.run', { generationId: id(1) });
    await jobs.idle();
    expect(attempts).toEqual([1, 2, 3, 4, 5]);
    // 300 (Retry-After) + 20 + 40 + 80: the Retry-After floor was honoured.
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    await jobs.stop();
  });

  it('does not retry a permanent error, and re-runs a failed job only when asked', async () => {
    let calls = 0;
    const jobs = jobsWith(async () => {
      calls++;
      throw new PermanentJobError('bad input');
    });
    await jobs.start();
    await jobs.enqueue('generation.run', { generationId: id(1) }, { jobId: 'p' });
    await jobs.idle();
    expect(calls).toBe(1);
    await jobs.enqueue('generation.run', { generationId: id(1) }, { jobId: 'p' });
    await jobs.idle();
    expect(calls).toBe(1);
    await jobs.enqueue(
      'generation.run',
      { generationId: id(1) },
      { jobId: 'p', replaceFinished: true },
    );
    await jobs.idle();
    expect(calls).toBe(2);
    await jobs.stop();
  });

  it('runs a job asked for while it runs once more afterwards, and only when so asked', async () => {
    let release!: () => void;
    const runs: number[] = [];
    const jobs = jobsWith(async () => {
      runs.push(runs.length + 1);
      if (runs.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    await jobs.start();
    await jobs.enqueue('generation.run', { generationId: id(1) }, { jobId: 'r' });
    await vi.waitFor(() => expect(runs).toEqual([1]));
    // While it runs: a plain request is a no-op; asked with rerunIfActive (three times), one
    // more run follows the current one.
    await jobs.enqueue('generation.run', { generationId: id(1) }, { jobId: 'r' });
    for (let i = 0; i < 3; i++) {
      await jobs.enqueue(
        'generation.run',
        { generationId: id(1) },
        { jobId: 'r', rerunIfActive: true, delayMs: 5 },
      );
    }
    release();
    await jobs.idle();
    expect(runs).toEqual([1, 2]);
    await jobs.stop();
  });

  it('puts a deferred job back without using up an attempt', async () => {
    const attempts: number[] = [];
    let deferrals = 0;
    const jobs = jobsWith(async (_payload, context) => {
      attempts.push(context.attempt);
      if (deferrals < 7) {
        deferrals++;
        throw new DeferJobError(5);
      }
    });
    await jobs.start();
    await jobs.enqueue('generation.run', { generationId: id(1) });
    await jobs.idle();
    // Seven deferrals and a success: more runs than attempts allowed, all as attempt 1.
    expect(attempts).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    await jobs.stop();
  });

  it('refuses a payload that does not match the job', async () => {
    const jobs = jobsWith(async () => {});
    await expect(
      jobs.enqueue('generation.run', { generationId: 'nope' } as never),
    ).rejects.toThrow();
  });

  it('refuses to start without a handler for every job', async () => {
    const jobs = createInProcessJobs();
    await expect(jobs.start({} as JobHandlers)).rejects.toThrow(/missing: generation.run/);
    const extra = {
      'generation.run': async () => {},
      'leaderboard.recompute': async () => {},
      'ratings.apply': async () => {},
    };
    await expect(jobs.start({ ...extra, 'image.resize': async () => {} } as never)).rejects.toThrow(
      /unknown: image.resize/,
    );
  });
});
