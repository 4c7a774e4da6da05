import {
  DeferJobError,
  jobSettings,
  PermanentJobError,
  type JobContext,
  type JobHandlers,
  type JobName,
} from '@arena/jobs';
import { readGenerationTelemetry, type ServiceContext } from '@arena/services';
import type { Logger } from 'pino';
import type { Metrics } from './metrics';

export interface JobObservation {
  metrics: Metrics;
  logger: Logger;
  /** The level of the line each job run writes: `info`, or `debug` in the embedded terminal. */
  lineLevel: 'info' | 'debug';
  ctx: Pick<ServiceContext, 'db'>;
}

type AnyHandler = (payload: unknown, context: JobContext) => Promise<void>;

/** How a run ended, from what the handler threw and which attempt it was. */
function outcomeOf(error: unknown, context: JobContext): string {
  if (error === undefined) return 'completed';
  if (error instanceof DeferJobError) return 'deferred';
  if (error instanceof PermanentJobError || context.attempt >= context.maxAttempts) return 'failed';
  return 'retried';
}

/**
 * Wraps every job handler so that each run writes one log line with the job's id and is timed
 * into `arena_job_duration_seconds`, whichever transport runs it (BullMQ or in process): the
 * runners stay as they are. After a generation run, the provider calls it made are read back
 * from generation_tries (`readGenerationTelemetry`) into the provider metrics.
 */
export function instrumentJobs(handlers: JobHandlers, observe: JobObservation): JobHandlers {
  const { metrics, logger, lineLevel } = observe;
  const wrapped = {} as Record<JobName, AnyHandler>;
  for (const name of Object.keys(handlers) as JobName[]) {
    const handler = handlers[name] as AnyHandler;
    const queue = jobSettings[name].queue;
    wrapped[name] = async (payload, context) => {
      const startedAt = new Date();
      const started = performance.now();
      let failure: unknown;
      try {
        await handler(payload, context);
      } catch (error) {
        failure = error ?? new Error('job failed');
        throw error;
      } finally {
        const outcome = outcomeOf(failure, context);
        const elapsed = performance.now() - started;
        metrics.jobDuration.observe({ queue, job: name, outcome }, elapsed / 1000);
        // A deferral (every provider busy) can repeat every few hundred milliseconds.
        logger[outcome === 'deferred' ? 'debug' : lineLevel](
          {
            job: name,
            jobId: context.jobId,
            attempt: context.attempt,
            outcome,
            ms: Math.round(elapsed),
          },
          'job',
        );
        if (name === 'generation.run' && outcome !== 'deferred') {
          const { generationId } = payload as { generationId: string };
          void observeGeneration(observe, generationId, startedAt);
        }
      }
    };
  }
  return wrapped as unknown as JobHandlers;
}

/** Off the job's path: a metric missed because the database is away is not worth a retry. */
async function observeGeneration(observe: JobObservation, generationId: string, since: Date) {
  const { metrics } = observe;
  try {
    const { tries, finished } = await readGenerationTelemetry(observe.ctx, { generationId, since });
    for (const t of tries) {
      metrics.providerCalls.inc({ provider: t.provider, error_class: t.errorClass ?? 'none' });
      if (t.latencyMs !== null) {
        metrics.providerCallDuration.observe(
          { provider: t.provider, outcome: t.outcome },
          t.latencyMs / 1000,
        );
      }
    }
    if (finished?.startedAt) {
      const ms = finished.finishedAt.getTime() - finished.startedAt.getTime();
      metrics.generationDuration.observe({ outcome: finished.status }, Math.max(0, ms) / 1000);
    }
  } catch (error) {
    observe.logger.debug({ err: error, generationId }, 'generation metrics not read');
  }
}
