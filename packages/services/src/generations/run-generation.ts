import type { ResolutionTier } from '@arena/core';
import { DeferJobError, RetryLaterError, type JobContext } from '@arena/jobs';
import type { GenerateResult } from '@arena/providers';
import { openChallengeWhenReady } from '../challenges/open-when-ready';
import type { ServiceContext } from '../context';
import { discardImage } from '../images/discard-image';
import { storeImage, type StoredImage } from '../images/store-image';
import { callProvider } from './call-provider';
import { chooseRoute, type RouteChoice } from './choose-route';
import { isUnfinished, openGenerationLedger, type GenerationLedger } from './generation-ledger';
import { loadGenerationWork, type GenerationWork, type Route } from './load-generation-work';
import { servingBytesOf } from './serving-bytes';
import { describeFailure, type TryFailure } from './try-failure';

type Job = Pick<JobContext, 'attempt' | 'maxAttempts' | 'signal'>;
type Chosen = Extract<RouteChoice, { route: Route }>;

/**
 * The `generation.run` job: one provider call for one generation, recorded as a try, ending
 * in a stored image or an error. Safe to run twice: a finished generation is skipped, and when
 * two runs race, the conditional update lets exactly one image win. A retryable failure is
 * retried by the runner with backoff (honouring Retry-After), on the next provider.
 */
export async function runGeneration(
  ctx: ServiceContext,
  input: { generationId: string; job: Job },
): Promise<void> {
  const work = await loadGenerationWork(ctx, { generationId: input.generationId });
  if (!work || !isUnfinished(work.generation.status)) return; // gone, or already done
  const ledger = openGenerationLedger(ctx, work);
  const choice = await chooseRoute(ctx, { work });
  if ('unavailable' in choice) {
    const message = `no provider can serve this model (${choice.unavailable})`;
    return fail(ctx, work, ledger, { errorClass: 'no_provider', message, retryable: false });
  }
  if ('deferMs' in choice) throw new DeferJobError(choice.deferMs);
  try {
    await runTry(ctx, work, ledger, choice, input.job);
  } finally {
    await choice.lease.release();
  }
}

async function runTry(
  ctx: ServiceContext,
  work: GenerationWork,
  ledger: GenerationLedger,
  { route, adapter, resumeRequestId }: Chosen,
  job: Job,
): Promise<void> {
  if (!(await ledger.beginTry(route, resumeRequestId))) return; // finished meanwhile
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
