import type { ResolutionTier } from '@arena/core';
import { DeferJobError, RetryLaterError, type JobContext } from '@arena/jobs';
import type { GenerateResult } from '@arena/providers';
import { openChallengeWhenReady } from '../challenges/open-when-ready';
import type { ServiceContext } from '../context';
import { discardImage } from '../images/discard-image';
import { storeImage, type StoredImage } from '../images/store-image';
import { callProvider } from './call-provider';
import { chooseRoute, type RouteChoice } from './choose-route';
import { claimGeneration } from './generation-lease';
import { isUnfinished, openGenerationLedger, type GenerationLedger } from './generation-ledger';
import { loadGenerationWork, type GenerationWork, type Route } from './load-generation-work';
import { servingBytesOf } from './serving-bytes';
import { describeFailure, type TryFailure } from './try-failure';
import { WORKER_LOST } from './try-errors';

type Job = Pick<JobContext, 'attempt' | 'maxAttempts' | 'signal'>;
type Chosen = Extract<RouteChoice, { route: Route }>;

/**
 * The `generation.run` job: one provider call for one generation, recorded as a try, ending
 * in a stored image or an error. It runs only under the generation's lease (claimed in the
 * database, renewed during the call): a generation another live worker holds is deferred
 * until that lease could have lapsed, by which time it is usually finished. Safe to run
 * twice: a finished generation is skipped, and the outcome is written conditionally, so one
 * image wins. A retryable failure is retried by the runner with backoff (honouring
 * Retry-After), on the next provider.
 */
export async function runGeneration(
  ctx: ServiceContext,
  input: { generationId: string; job: Job },
): Promise<void> {
  const claim = await claimGeneration(ctx, { generationId: input.generationId });
  if ('done' in claim) return; // gone, or already done
  if ('heldForMs' in claim) throw new DeferJobError(jitter(claim.heldForMs + 250));
  try {
    const work = await loadGenerationWork(ctx, { generationId: input.generationId });
    if (!work || !isUnfinished(work.generation.status)) return;
    const ledger = openGenerationLedger(ctx, work, claim.lease.owner);
    const choice = await chooseRoute(ctx, { work });
    if ('unavailable' in choice) {
      const message = `no provider can serve this model (${choice.unavailable})`;
      return fail(ctx, work, ledger, { errorClass: 'no_provider', message, retryable: false });
    }
    if ('deferMs' in choice) throw new DeferJobError(choice.deferMs);
    try {
      await runTry(ctx, work, ledger, choice, input.job);
    } finally {
      await releaseQuietly(ctx, 'provider slot', () => choice.lease.release());
    }
  } finally {
    // Done, failed, deferred or handed back: the next run may start at once.
    await releaseQuietly(ctx, 'generation lease', () => claim.lease.release());
  }
}

/** A release that fails is not the job's failure: the lease lapses on its own. */
async function releaseQuietly(ctx: ServiceContext, what: string, release: () => Promise<void>) {
  await release().catch((error: unknown) =>
    ctx.logger.warn({ err: error }, `${what} release failed`),
  );
}

/** Deferred jobs of one cause should not all come back at once. */
const jitter = (ms: number) => Math.round(ms * (1 + Math.random() * 0.2));

async function runTry(
  ctx: ServiceContext,
  work: GenerationWork,
  ledger: GenerationLedger,
  { route, adapter, resumeRequestId }: Chosen,
  job: Job,
): Promise<void> {
  if (!(await ledger.beginTry(route, resumeRequestId))) return; // finished, or lease lost
  let pendingRequest = Boolean(resumeRequestId);
  let result: GenerateResult;
  try {
    result = await callProvider(ctx, {
      work,
      route,
      adapter,
      resumeRequestId,
      job,
      onRequestId: (requestId) => {
        pendingRequest = true;
        return ledger.requestAcknowledged(requestId);
      },
    });
  } catch (error) {
    if (job.signal.aborted) {
      // This worker is shutting down and its grace is over: not the provider's fault, and not
      // an attempt. The job goes back to the queue now; the next run resumes a request the
      // provider acknowledged.
      await ledger.tryFailed({
        ...describeFailure(error, pendingRequest),
        errorClass: WORKER_LOST,
        message: 'the worker shut down during this try',
        requestSettled: !pendingRequest,
      });
      throw new DeferJobError(0);
    }
    const failure = describeFailure(error, pendingRequest);
    await ledger.tryFailed(failure);
    if (failure.retryable && job.attempt < job.maxAttempts) {
      await ledger.retryPending(failure);
      throw new RetryLaterError(`${failure.errorClass}: ${failure.message}`, failure.retryAfterMs);
    }
    return fail(ctx, work, ledger, failure, route);
  }

  let image: StoredImage;
  try {
    image = await storeImage(ctx, { bytes: result.bytes, kind: 'generation' });
  } catch (error) {
    const failure = {
      ...describeFailure(error),
      httpStatus: result.httpStatus,
      ttfbMs: result.ttfbMs,
    };
    await ledger.tryFailed(failure);
    return fail(ctx, work, ledger, failure, route);
  }
  const tier = (result.sizeMapping?.used.resolution ?? work.challenge.resolution) as ResolutionTier;
  const price = route.offering.prices[tier];
  const costUsd = typeof price === 'number' ? price : null;
  const servingBytes = await servingBytesOf(ctx, { image, ...work.challenge });
  const won = await ledger.succeeded({
    route,
    result,
    image,
    tier,
    costUsd,
    servingBytes,
    resumeRequestId,
  });
  // Another run of this job finished first; its image is the one on the row.
  if (!won) return discardImage(ctx, { image });
  await openChallengeWhenReady(ctx, { challengeId: work.challenge.id });
}

async function fail(
  ctx: ServiceContext,
  work: GenerationWork,
  ledger: GenerationLedger,
  failure: TryFailure,
  route?: Route,
): Promise<void> {
  await ledger.failed(failure, route);
  ctx.logger.warn(
    { generationId: work.generation.id, model: work.model.slug, errorClass: failure.errorClass },
    'generation failed',
  );
  await openChallengeWhenReady(ctx, { challengeId: work.challenge.id });
}
