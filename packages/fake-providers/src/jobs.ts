import { performance } from 'node:perf_hooks';
import type { FakePlan } from './scenario';

/** An asynchronous generation on fal or Replicate: finishes `plan.latencyMs` after submission. */
export interface FakeJob {
  id: string;
  modelId: string;
  plan: FakePlan;
  submittedAt: number;
  /** When the submission was answered (its time to first byte, as the fake measured it). */
  answeredAt?: number;
  polls: number;
  finishedSeenAt?: number;
  imageUrl?: string;
}

export function newJob(id: string, plan: FakePlan): FakeJob {
  return { id, modelId: plan.modelId, plan, submittedAt: performance.now(), polls: 0 };
}

export function jobFinished(job: FakeJob): boolean {
  return performance.now() - job.submittedAt >= job.plan.latencyMs;
}

/** Behaviours that spoil the submission itself rather than the job. */
export const SUBMIT_FAILURES = new Set([
  'server_error',
  'rate_limited',
  'bad_request',
  'malformed_json',
  'hang',
]);

/** The submission's time to first byte as produced: planned until it has been answered. */
export function producedTtfb(job: FakeJob): number {
  return job.answeredAt === undefined ? (job.plan.ttfbMs ?? 0) : job.answeredAt - job.submittedAt;
}
