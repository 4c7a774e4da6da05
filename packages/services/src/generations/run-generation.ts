import { formatSize, parseSize, type ResolutionTier } from '@arena/core';
import { generations, generationTries, images } from '@arena/db';
import { DeferJobError, RetryLaterError, type JobContext } from '@arena/jobs';
import { ProviderError, type GenerateResult, type ProviderAdapter } from '@arena/providers';
import { ImageRejectedError } from '@arena/storage';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { openChallengeWhenReady } from '../challenges/open-when-ready';
import type { ServiceContext } from '../context';
import { discardImage, storeImage } from '../images/store-image';
import { chooseRoute } from './choose-route';
import { WORKER_LOST } from './try-errors';
import { loadGenerationWork, type GenerationWork, type Route } from './load-generation-work';

const UNFINISHED = ['pending', 'running'] as const;

interface TryFailure {
  errorClass: string;
  message: string;
  retryable: boolean;
  httpStatus?: number;
  retryAfterMs?: number;
  ttfbMs?: number;
  latencyMs?: number;
  providerRequestId?: string;
  requestSettled?: boolean;
}

/**
 * `pendingRequest`: the provider acknowledged a request id (fal, Replicate) that this try was
 * polling. Unless the provider gave a final answer, that request may still finish and is
 * resumed by the next try; a synchronous call that failed has nothing to resume.
 */
function describeFailure(error: unknown, pendingRequest = false): TryFailure {
  if (error instanceof ProviderError) {
    const o = error.options;
    return {
      errorClass: error.errorClass,
      message: error.message,
      retryable: error.retryable,
      httpStatus: o.httpStatus,
      retryAfterMs: o.retryAfterMs,
      ttfbMs: o.ttfbMs,
      latencyMs: o.latencyMs,
      providerRequestId: o.providerRequestId,
      requestSettled: o.requestSettled ?? !(pendingRequest && error.retryable),
    };
  }
  if (error instanceof ImageRejectedError) {
    const errorClass = error.reason === 'too_large' ? 'too_large' : 'not_image';
    return { errorClass, message: error.message, retryable: false, requestSettled: true };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { errorClass: 'internal', message, retryable: true, requestSettled: !pendingRequest };
}

function priceFor(route: Route, tier: string): number | null {
  const price = route.offering.prices[tier as ResolutionTier];
  return typeof price === 'number' ? price : null;
}

/**
 * The `generation.run` job: one provider call for one generation, recorded as a try, ending
 * in a stored image or an error. Safe to run twice: a finished generation is skipped, and when
 * two runs race, the conditional update lets exactly one image win. A retryable failure is
 * retried by the runner with backoff (honouring Retry-After), on the next provider.
 */
export async function runGeneration(
  ctx: ServiceContext,
  generationId: string,
  job: Pick<JobContext, 'attempt' | 'maxAttempts' | 'signal'>,
): Promise<void> {
  const work = await loadGenerationWork(ctx, generationId);
  if (!work) return; // the challenge was deleted: nothing to do
  if (!UNFINISHED.includes(work.generation.status as (typeof UNFINISHED)[number])) return;

  const choice = await chooseRoute(ctx, work);
  if ('unavailable' in choice) {
    await finishFailed(ctx, work, {
      errorClass: 'no_provider',
      message: `no provider can serve this model (${choice.unavailable})`,
      retryable: false,
    });
    return;
  }
  if ('deferMs' in choice) throw new DeferJobError(choice.deferMs);

  const { route, adapter, lease, resumeRequestId } = choice;
  try {
    await attempt(ctx, work, route, adapter, resumeRequestId, job);
  } finally {
    await lease.release();
  }
}

async function attempt(
  ctx: ServiceContext,
  work: GenerationWork,
  route: Route,
  adapter: ProviderAdapter,
  resumeRequestId: string | undefined,
  job: Pick<JobContext, 'attempt' | 'maxAttempts' | 'signal'>,
) {
  const generationId = work.generation.id;
  const [marked] = await ctx.db
    .update(generations)
    .set({
      status: 'running',
      startedAt: sql`coalesce(${generations.startedAt}, now())`,
      tries: sql`${generations.tries} + 1`,
      providerId: route.provider.id,
      updatedAt: ctx.now(),
    })
    .where(and(eq(generations.id, generationId), inArray(generations.status, [...UNFINISHED])))
    .returning({ tries: generations.tries });
  if (!marked) return; // finished meanwhile by another run

  const startedAt = ctx.now();
  // A try still marked running belonged to a worker that died mid-call. Its request id (if
  // any) stays on the row, so this try can resume it.
  await ctx.db
    .update(generationTries)
    .set({
      outcome: 'failed',
      errorClass: WORKER_LOST,
      errorMessage: 'the worker stopped during this try',
      finishedAt: startedAt,
    })
    .where(
      and(eq(generationTries.generationId, generationId), eq(generationTries.outcome, 'running')),
    );
  const [tryRow] = await ctx.db
    .insert(generationTries)
    .values({
      generationId,
      tryNo: marked.tries,
      providerId: route.provider.id,
      startedAt,
      providerRequestId: resumeRequestId ?? null,
      resumed: Boolean(resumeRequestId),
    })
    .onConflictDoNothing()
    .returning({ id: generationTries.id });
  const tryId = tryRow?.id;

  let result: GenerateResult;
  let pendingRequest = Boolean(resumeRequestId);
  try {
    result = await adapter.generate({
      providerModelId: route.offering.providerModelId,
      model: { slug: work.model.slug, name: work.model.name, demo: work.model.demo },
      prompt: work.challenge.prompt,
      sourceImages: await loadSourceImages(ctx, work),
      aspectRatio: work.challenge.aspectRatio,
      resolution: work.challenge.resolution,
      size: parseSize(work.generation.sizeRequested)!,
      sizeSupport: route.offering.sizeSupport ?? undefined,
      seed: work.generation.seed,
      attempt: work.generation.attempt,
      signal: AbortSignal.any([AbortSignal.timeout(ctx.config.generationTimeoutMs), job.signal]),
      resumeRequestId,
      // Stored before any polling: a retry after a crash resumes instead of paying twice.
      onRequestId: async (requestId) => {
        pendingRequest = true;
        if (!tryId) return;
        await ctx.db
          .update(generationTries)
          .set({ providerRequestId: requestId })
          .where(eq(generationTries.id, tryId));
      },
    });
  } catch (error) {
    const failure = describeFailure(error, pendingRequest);
    await recordTryFailure(ctx, tryId, startedAt, failure);
    if (failure.retryable && job.attempt < job.maxAttempts) {
      await ctx.db
        .update(generations)
        .set({
          errorClass: failure.errorClass,
          errorMessage: failure.message.slice(0, 2000),
          updatedAt: ctx.now(),
        })
        .where(and(eq(generations.id, generationId), inArray(generations.status, [...UNFINISHED])));
      throw new RetryLaterError(`${failure.errorClass}: ${failure.message}`, failure.retryAfterMs);
    }
    await finishFailed(ctx, work, failure, route);
    return;
  }

  const tier = (result.sizeMapping?.used.resolution ?? work.challenge.resolution) as ResolutionTier;
  const cost = priceFor(route, tier);
  const sizeUsed = formatSize(result.sizeUsed);
  let image;
  try {
    image = await storeImage(ctx, result.bytes, 'generation');
  } catch (error) {
    const failure = {
      ...describeFailure(error),
      httpStatus: result.httpStatus,
      ttfbMs: result.ttfbMs,
    };
    await recordTryFailure(ctx, tryId, startedAt, failure);
    await finishFailed(ctx, work, failure, route);
    return;
  }

  const mapping = result.sizeMapping;
  const [won] = await ctx.db
    .update(generations)
    .set({
      status: 'succeeded',
      imageId: image.id,
      providerId: route.provider.id,
      offeringId: route.offering.id,
      sizeUsed,
      sizeMapping: mapping
        ? {
            requested: { ...mapping.requested, size: formatSize(mapping.requested.size) },
            used: { ...mapping.used, size: formatSize(mapping.used.size) },
            exact: mapping.exact,
          }
        : null,
      ttfbMs: Math.round(result.ttfbMs),
      latencyMs: Math.round(result.latencyMs),
      costUsd: cost,
      errorClass: null,
      errorMessage: null,
      finishedAt: ctx.now(),
      updatedAt: ctx.now(),
    })
    .where(and(eq(generations.id, generationId), inArray(generations.status, [...UNFINISHED])))
    .returning({ id: generations.id });
  if (tryId) {
    await ctx.db
      .update(generationTries)
      .set({
        outcome: 'succeeded',
        providerRequestId: result.providerRequestId ?? resumeRequestId ?? null,
        requestSettled: true,
        httpStatus: result.httpStatus,
        ttfbMs: Math.round(result.ttfbMs),
        latencyMs: Math.round(result.latencyMs),
        bytes: result.bytes.length,
        sizeUsed,
        resolution: tier,
        costUsd: cost,
        finishedAt: ctx.now(),
      })
      .where(eq(generationTries.id, tryId));
  }
  if (!won) {
    // Another run of this job finished first; its image is the one on the row.
    await discardImage(ctx, image);
    return;
  }
  await openChallengeWhenReady(ctx, work.challenge.id);
}

async function loadSourceImages(ctx: ServiceContext, work: GenerationWork) {
  if (!work.challenge.sourceImageId) return undefined;
  const [row] = await ctx.db
    .select()
    .from(images)
    .where(eq(images.id, work.challenge.sourceImageId));
  const bytes = row && (await ctx.store.get(row.storageKey));
  if (!bytes) throw new Error(`source image ${work.challenge.sourceImageId} is missing`);
  return [{ bytes, contentType: 'image/webp' as const }];
}

async function recordTryFailure(
  ctx: ServiceContext,
  tryId: string | undefined,
  startedAt: Date,
  failure: TryFailure,
) {
  if (!tryId) return;
  await ctx.db
    .update(generationTries)
    .set({
      outcome: 'failed',
      errorClass: failure.errorClass,
      errorMessage: failure.message.slice(0, 2000),
      httpStatus: failure.httpStatus ?? null,
      ttfbMs: failure.ttfbMs === undefined ? null : Math.round(failure.ttfbMs),
      latencyMs: Math.round(failure.latencyMs ?? ctx.now().getTime() - startedAt.getTime()),
      requestSettled: failure.requestSettled ?? false,
      ...(failure.providerRequestId ? { providerRequestId: failure.providerRequestId } : {}),
      finishedAt: ctx.now(),
    })
    .where(eq(generationTries.id, tryId));
}

async function finishFailed(
  ctx: ServiceContext,
  work: GenerationWork,
  failure: TryFailure,
  route?: Route,
) {
  await ctx.db
    .update(generations)
    .set({
      status: 'failed',
      errorClass: failure.errorClass,
      errorMessage: failure.message.slice(0, 2000),
      providerId: route?.provider.id ?? null,
      offeringId: route?.offering.id ?? null,
      finishedAt: ctx.now(),
      updatedAt: ctx.now(),
    })
    .where(
      and(eq(generations.id, work.generation.id), inArray(generations.status, [...UNFINISHED])),
    );
  ctx.logger.warn(
    { generationId: work.generation.id, model: work.model.slug, errorClass: failure.errorClass },
    'generation failed',
  );
  await openChallengeWhenReady(ctx, work.challenge.id);
}
