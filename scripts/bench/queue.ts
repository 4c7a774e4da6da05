/**
 * Our job transport (packages/jobs: `createBullMqQueue` / `createBullMqRunner`) against bare
 * BullMQ with the same job options, on the test Redis under a fresh key prefix per round
 * (removed afterwards): enqueueing N no-op `generation.run` jobs, then processing them at
 * concurrency 50 (the rate over the last 90%, past the start of the runner). Jobs per second, in
 * short batches alternated between ours and the peer.
 */
import { randomUUID } from 'node:crypto';
import {
  createBullMqQueue,
  createBullMqRunner,
  JOB_NAMES,
  jobSettings,
  type JobHandlers,
  type JobRequest,
} from '@arena/jobs';
import { deleteQueueKeys, TEST_REDIS_URL, uniqueQueuePrefix } from '@arena/testing';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { alternate, median, type BenchResult } from './harness';

export interface QueueBenchOptions {
  rounds: number;
  /** Jobs per batch (8,000 by default). */
  jobs?: number;
  /** Batches of each side in a round (3 by default). */
  pairs?: number;
  concurrency?: number;
}

interface QueueRound {
  enqueuePerSecond: number;
  processPerSecond: number;
}

const QUEUE = jobSettings['generation.run'].queue;

/**
 * Counts handler calls; resolves at the last one with the rate since the tenth: the start of a
 * runner (its connections, the first fetches of each worker) is not what is measured.
 */
function processedCounter(jobs: number) {
  const skip = Math.floor(jobs / 10);
  let count = 0;
  let from = 0;
  let resolve!: (perSecond: number) => void;
  const done = new Promise<number>((r) => (resolve = r));
  return {
    done,
    tick() {
      count += 1;
      if (count === skip + 1) from = performance.now();
      if (count === jobs) resolve(((jobs - skip - 1) * 1000) / (performance.now() - from));
    },
  };
}

const payloads = (jobs: number) =>
  Array.from({ length: jobs }, () => ({ generationId: randomUUID() }));

async function timed(work: () => Promise<unknown>, jobs: number): Promise<number> {
  const started = performance.now();
  await work();
  return (jobs * 1000) / (performance.now() - started);
}

async function oursRound(jobs: number, concurrency: number): Promise<QueueRound> {
  const prefix = uniqueQueuePrefix();
  const queue = createBullMqQueue({ redisUrl: TEST_REDIS_URL, prefix });
  const runner = createBullMqRunner({
    redisUrl: TEST_REDIS_URL,
    prefix,
    concurrency: { [QUEUE]: concurrency },
  });
  try {
    const requests: JobRequest[] = payloads(jobs).map((payload) => ({
      name: 'generation.run',
      payload,
    }));
    const enqueuePerSecond = await timed(() => queue.enqueueMany(requests), jobs);
    const counter = processedCounter(jobs);
    const noop = async () => counter.tick();
    const handlers = Object.fromEntries(
      JOB_NAMES.map((name) => [name, name === 'generation.run' ? noop : async () => {}]),
    ) as unknown as JobHandlers;
    await runner.start(handlers);
    const processPerSecond = await counter.done;
    return { enqueuePerSecond, processPerSecond };
  } finally {
    await runner.stop();
    await queue.close();
    await deleteQueueKeys(prefix);
  }
}

/** Bare BullMQ: one Queue and one Worker, the job options our wrapper sets. */
async function peerRound(jobs: number, concurrency: number): Promise<QueueRound> {
  const prefix = uniqueQueuePrefix();
  const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const workerConnection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE, { connection, prefix });
  let worker: Worker | undefined;
  try {
    const options = {
      attempts: jobSettings['generation.run'].retry.attempts,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
    };
    const data = payloads(jobs);
    const enqueuePerSecond = await timed(
      () => Promise.all(data.map((payload) => queue.add('generation.run', payload, options))),
      jobs,
    );
    const counter = processedCounter(jobs);
    worker = new Worker(QUEUE, async () => counter.tick(), {
      connection: workerConnection,
      prefix,
      concurrency,
    });
    const processPerSecond = await counter.done;
    return { enqueuePerSecond, processPerSecond };
  } finally {
    await worker?.close();
    await queue.close();
    await Promise.all([connection.quit(), workerConnection.quit()]);
    await deleteQueueKeys(prefix);
  }
}

export async function benchQueue(opts: QueueBenchOptions): Promise<BenchResult[]> {
  const jobs = opts.jobs ?? 8_000;
  const pairs = opts.pairs ?? 3;
  const concurrency = opts.concurrency ?? 50;
  // Warm-up of both (connections, scripts loaded into Redis, the JIT).
  await oursRound(Math.min(jobs, 1000), concurrency);
  await peerRound(Math.min(jobs, 1000), concurrency);
  // Short batches alternated, `pairs` of them to a round: the load of a shared machine moves
  // on the scale of seconds, so both sides see the same.
  const batches = await alternate(
    opts.rounds * pairs,
    () => oursRound(jobs, concurrency),
    () => peerRound(jobs, concurrency),
  );
  /** A round's rate: all its jobs over all its time. */
  const perRound = (side: QueueRound[], pick: (round: QueueRound) => number) =>
    Array.from({ length: opts.rounds }, (_, round) => {
      const slice = side.slice(round * pairs, (round + 1) * pairs);
      return (slice.length * jobs) / slice.reduce((sum, batch) => sum + jobs / pick(batch), 0);
    });
  const row = (id: string, path: string, pick: (round: QueueRound) => number): BenchResult => {
    const ours = perRound(batches.ours, pick);
    const peer = perRound(batches.peer, pick);
    return {
      id,
      path,
      unit: 'jobs/s',
      better: 'higher',
      ours,
      peer: { name: 'bare BullMQ', values: peer },
      extra: { 'jobs per batch': jobs, 'batches per round': pairs },
      target: { text: '>= 0.9 of bare BullMQ', met: median(ours) / median(peer) >= 0.9 },
    };
  };
  return [
    row('queue.enqueue', `enqueue no-op jobs (JobQueue.enqueueMany)`, (r) => r.enqueuePerSecond),
    row(
      'queue.process',
      `process no-op jobs at concurrency ${concurrency} (JobRunner)`,
      (r) => r.processPerSecond,
    ),
  ];
}
