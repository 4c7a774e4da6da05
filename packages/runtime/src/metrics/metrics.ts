import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Jobs per queue and state, as the transport reports them (read on each scrape). */
export type QueueDepths = Record<string, Record<string, number>>;

/**
 * The Prometheus metrics of one process (API or worker), in a registry of its own rather than
 * prom-client's global one, so that tests can build several runtimes in one process. Label
 * values come from small closed sets only (route patterns, queue and job names, provider
 * slugs, error classes): never a raw path, token or id, which would grow without end.
 */
export function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  const seconds = (name: string, help: string, labelNames: string[], buckets: number[]) =>
    new Histogram({ name, help, labelNames, buckets, registers });
  let readDepths: (() => Promise<QueueDepths>) | undefined;
  let onDepthError: ((error: unknown) => void) | undefined;

  return {
    registry,
    /** A request's duration; its `_count` is the request count, by route pattern and status. */
    httpRequests: seconds(
      'arena_http_request_duration_seconds',
      'HTTP requests by method, route pattern and status',
      ['method', 'route', 'status'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    ),
    battlesIssued: new Counter({
      name: 'arena_battles_issued_total',
      help: 'Battles issued to voters by this process',
      labelNames: ['arena'],
      registers,
    }),
    votes: new Counter({
      name: 'arena_votes_total',
      help: 'Votes recorded by this process; counted="false" for votes that do not count',
      labelNames: ['counted'],
      registers,
    }),
    jobDuration: seconds(
      'arena_job_duration_seconds',
      'Job runs by queue, job and outcome (completed, retried, deferred, failed)',
      ['queue', 'job', 'outcome'],
      [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 180],
    ),
    providerCalls: new Counter({
      name: 'arena_provider_calls_total',
      help: 'Provider calls made by this process, by provider and error class ("none" if it succeeded)',
      labelNames: ['provider', 'error_class'],
      registers,
    }),
    providerCallDuration: seconds(
      'arena_provider_call_duration_seconds',
      'Provider call latency by provider and outcome',
      ['provider', 'outcome'],
      [0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80, 180],
    ),
    generationDuration: seconds(
      'arena_generation_duration_seconds',
      'From a generation first starting to its end, for those this process finished',
      ['outcome'],
      [0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80, 180, 600],
    ),
    queueJobs: new Gauge({
      name: 'arena_queue_jobs',
      help: 'Jobs per queue and state, read from the queue at each scrape',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        if (!readDepths) return;
        this.reset();
        // A queue that cannot be read (Redis down) leaves the gauge empty: the scrape itself
        // still answers, with every other metric.
        const depths = await readDepths().catch((error: unknown) => {
          onDepthError?.(error);
          return {};
        });
        for (const [queue, states] of Object.entries(depths)) {
          for (const [state, count] of Object.entries(states)) this.set({ queue, state }, count);
        }
      },
    }),
    /** Where the queue-depth gauge reads from: the process's job transport. */
    readQueueDepthsFrom(read: () => Promise<QueueDepths>, onError?: (error: unknown) => void) {
      readDepths = read;
      onDepthError = onError;
    },
    /**
     * Node's own metrics (CPU, memory, event-loop delay, GC): once per process, by the entry
     * points only, since each call starts its own event-loop monitor.
     */
    collectProcessMetrics() {
      collectDefaultMetrics({ register: registry });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
