import { parseSize } from '@arena/core';
import { generations, generationTries, images } from '@arena/db';
import { RetryLaterError, type JobContext } from '@arena/jobs';
import { ProviderError, type GenerateResult } from '@arena/providers';
import { ImageRejectedError } from '@arena/storage';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { openChallengeWhenReady } from '../challenges/open-when-ready';
import type { ServiceContext } from '../context';
import { discardImage, storeImage } from '../images/store-image';
import { loadGenerationWork, type GenerationWork, type Route } from './load-generation-work';

const UNFINISHED = ['pending', 'running'] as const;

interface TryFailure {
  errorClass: string;
  message: string;
  retryable: boolean;
  httpStatus?: number;
  retryAfterMs?: number;
  ttfbMs?: number;
  providerRequestId?: string;
}

function describeFailure(error: unknown): TryFailure {
  if (error instanceof ProviderError) {
    return {
      errorClass: error.errorClass,
      message: error.message,
      retryable: error.retryable,
      httpStatus: error.options.httpStatus,
      retryAfterMs: error.options.retryAfterMs,
      ttfbMs: error.options.ttfbMs,
      providerRequestId: error.options.providerRequestId,
    };
  }
  if (error instanceof ImageRejectedError) {
    return {
      errorClass: error.reason === 'too_large' ? 'too_large' : 'not_image',
      message: error.message,
      retryable: false,
    };
  }
  return {
    errorClass: 'internal',
    message: error instanceof Error ? error.message : String(error),
    retryable: true,
  };
}

/** Picks the provider for this try: the first usable route by operator priority. */
function chooseRoute(ctx: Pick<ServiceContext, 'providers'>, work: GenerationWork) {
  for (const route of work.routes) {
    const found = ctx.providers.lookup(route.provider);
    if ('adapter' in found) return { route, adapter: found.adapter };
  }
  return undefined;
}

function costOf(route: Route, tier: string): number | null {
  const price = route.offering.prices[tier as keyof typeof route.offering.prices];
  return typeof price === 'number' ? price : null;
}

/**
 * The `generation.run` job: one provider call for one generation, recorded as a try, ending
 * in a stored image or an error. Safe to run twice: a finished generation is skipped, and when
 * two runs race, the conditional update lets exactly one image win.
 */
export async function runGeneration(
  ctx: ServiceContext,
  generationId: string,
  job: Pick<JobContext, 'attempt' | 'maxAttempts' | 'signal'>,
): Promise<void> {
  const work = await loadGenerationWork(ctx, generationId);
  if (!work) return; // the challenge was deleted: nothing to do
  if (!UNFINISHED.includes(work.generation.status as (typeof UNFINISHED)[number])) return;

  const choice = chooseRoute(ctx, work);
  if (!choice) {
    await finishFailed(ctx, work, {
      errorClass: 'no_provider',
      message: 'no enabled provider can serve this model',
      retryable: false,
    });
    return;
  }
  const { route, adapter } = choice;

  const [marked] = await ctx.db
    .update(generations)
    .set({
      status: 'running',
      startedAt: sql`coalesce(${generations.startedAt}, now())`,
      tries: sql`${generations.tries} + 1`,
      updatedAt: ctx.now(),
    })
    .where(and(eq(generations.id, generationId), inArray(generations.status, [...UNFINISHED])))
    .returning({ tries: generations.tries });
  if (!marked) return; // finished meanwhile by another run

  const startedAt = ctx.now();
  const [tryRow] = await ctx.db
    .insert(generationTries)
    .values({ generationId, tryNo: marked.tries, providerId: route.provider.id, startedAt })
    .onConflictDoNothing()
    .returning({ id: generationTries.id });

  let result: GenerateResult;
  try {
    const sourceImages = await loadSourceImages(ctx, work);
    const size = parseSize(work.generation.sizeRequested)!;
    result = await adapter.generate({
      providerModelId: route.offering.providerModelId,
      model: { slug: work.model.slug, name: work.model.name, demo: work.model.demo },
      prompt: work.challenge.prompt,
      sourceImages,
      aspectRatio: work.challenge.aspectRatio,
      resolution: work.challenge.resolution,
      size,
      seed: work.generation.seed,
      attempt: work.generation.attempt,
      signal: AbortSignal.any([AbortSignal.timeout(ctx.config.generationTimeoutMs), job.signal]),
    });
  } catch (error) {
    const failure = describeFailure(error);
    await recordTryFailure(ctx, tryRow?.id, startedAt, failure);
    const lastRun = job.attempt >= job.maxAttempts;
    if (failure.retryable && !lastRun) {
      await ctx.db
        .update(generations)
        .set({
          errorClass: failure.errorClass,
          errorMessage: failure.message,
          providerId: route.provider.id,
          updatedAt: ctx.now(),
        })
        .where(and(eq(generations.id, generationId), inArray(generations.status, [...UNFINISHED])));
      throw new RetryLaterError(`${failure.errorClass}: ${failure.message}`, failure.retryAfterMs);
    }
    await finishFailed(ctx, work, failure, route);
    return;
  }

  let image;
  try {
    image = await storeImage(ctx, result.bytes, 'generation');
  } catch (error) {
    const failure = describeFailure(error);
    await recordTryFailure(ctx, tryRow?.id, startedAt, {
      ...failure,
      httpStatus: result.httpStatus,
      ttfbMs: result.ttfbMs,
    });
    await finishFailed(ctx, work, failure, route);
    return;
  }

  const cost = costOf(route, work.challenge.resolution);
  const [won] = await ctx.db
    .update(generations)
    .set({
      status: 'succeeded',
      imageId: image.id,
      providerId: route.provider.id,
      offeringId: route.offering.id,
      sizeUsed: `${result.sizeUsed.width}x${result.sizeUsed.height}`,
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
  if (tryRow) {
    await ctx.db
      .update(generationTries)
      .set({
        outcome: 'succeeded',
        providerRequestId: result.providerRequestId ?? null,
        httpStatus: result.httpStatus,
        ttfbMs: Math.round(result.ttfbMs),
        latencyMs: Math.round(result.latencyMs),
        bytes: result.bytes.length,
        costUsd: cost,
        finishedAt: ctx.now(),
      })
      .where(eq(generationTries.id, tryRow.id));
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
      latencyMs: ctx.now().getTime() - startedAt.getTime(),
      providerRequestId: failure.providerRequestId ?? null,
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
