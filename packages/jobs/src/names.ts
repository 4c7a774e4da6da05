import { z } from 'zod';

/**
 * Every job the system runs, with its payload. Payloads carry ids only: never image bytes,
 * prompts or secrets (they sit in Redis).
 */
export const jobPayloadSchemas = {
  /** Produce one generation (challenge x model x attempt) through a provider. */
  'generation.run': z.object({ generationId: z.uuid() }).strict(),
  /** Refit every leaderboard from the counted votes; `force` writes snapshots even if unchanged. */
  'leaderboard.recompute': z.object({ force: z.boolean().optional() }).strict(),
  /** Apply the votes' queued online Elo steps to the ratings (the ratings consumer). */
  'ratings.apply': z.object({}).strict(),
} as const;

export type JobName = keyof typeof jobPayloadSchemas;
export type JobPayload<N extends JobName> = z.infer<(typeof jobPayloadSchemas)[N]>;
export const JOB_NAMES = Object.keys(jobPayloadSchemas) as JobName[];

export interface RetryPolicy {
  /** Total runs, the first included. */
  attempts: number;
  /** Delay before the first retry; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Queue and retry policy per job. Jobs on one queue share its concurrency. */
export const jobSettings: Record<JobName, { queue: string; retry: RetryPolicy }> = {
  'generation.run': {
    queue: 'generation',
    retry: { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 },
  },
  'leaderboard.recompute': {
    queue: 'maintenance',
    retry: { attempts: 3, baseDelayMs: 5_000, maxDelayMs: 60_000 },
  },
  // Its own queue, one at a time: never waiting behind a long recompute.
  'ratings.apply': {
    queue: 'ratings',
    retry: { attempts: 5, baseDelayMs: 500, maxDelayMs: 10_000 },
  },
};

export function parsePayload<N extends JobName>(name: N, payload: unknown): JobPayload<N> {
  return jobPayloadSchemas[name].parse(payload) as JobPayload<N>;
}

/** A deterministic job id: the same work enqueued twice is one job. */
export function generationJobId(generationId: string): string {
  return `generation.run-${generationId}`;
}

/**
 * One id for every recompute request: while one is waiting or delayed, enqueueing again is a
 * no-op, which is what debounces a burst of votes into one recompute.
 */
export const LEADERBOARD_RECOMPUTE_JOB_ID = 'leaderboard.recompute';

/** One id for every ratings consumer request, debounced like the recompute. */
export const RATINGS_APPLY_JOB_ID = 'ratings.apply';
