import { formatSize, type ResolutionTier } from '@arena/core';
import { generations, generationTries } from '@arena/db';
import type { GenerateResult } from '@arena/providers';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import type { StoredImage } from '../images/store-image';
import type { GenerationWork, Route } from './load-generation-work';
import type { TryFailure } from './try-failure';
import { WORKER_LOST } from './try-errors';

const UNFINISHED = ['pending', 'running'] as const;

export const isUnfinished = (status: string) =>
  UNFINISHED.includes(status as (typeof UNFINISHED)[number]);

const truncate = (message: string) => message.slice(0, 2000);

/**
 * Every database write of one run of a generation, in the order the run makes them. Writes to
 * the generation row are conditional on it being unfinished, so two runs of one job (at-least-
 * once delivery) leave one outcome; the try row records each provider call for telemetry.
 */
export function openGenerationLedger(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  work: GenerationWork,
  /** The lease owner this run claimed the generation as (generation-lease.ts). */
  leaseOwner: string,
) {
  const generationId = work.generation.id;
  const unfinished = and(
    eq(generations.id, generationId),
    inArray(generations.status, [...UNFINISHED]),
  );
  let tryId: string | undefined;
  let startedAt = ctx.now();

  const updateTry = async (values: Partial<typeof generationTries.$inferInsert>) => {
    if (tryId)
      await ctx.db.update(generationTries).set(values).where(eq(generationTries.id, tryId));
  };

  return {
    /**
     * Starts a try on this route: marks the generation running, closes a try left running by a
     * worker that died mid-call (its request id stays, so it can be resumed), and opens this
     * try. Only while this run still holds the lease, so no provider call starts for a
     * generation another worker holds. False when finished meanwhile or the lease was lost.
     */
    async beginTry(route: Route, resumeRequestId: string | undefined): Promise<boolean> {
      const [marked] = await ctx.db
        .update(generations)
        .set({
          status: 'running',
          startedAt: sql`coalesce(${generations.startedAt}, now())`,
          tries: sql`${generations.tries} + 1`,
          providerId: route.provider.id,
          updatedAt: ctx.now(),
        })
        .where(and(unfinished, eq(generations.leaseOwner, leaseOwner)))
        .returning({ tries: generations.tries });
      if (!marked) return false;
      startedAt = ctx.now();
      await ctx.db
        .update(generationTries)
        .set({
          outcome: 'failed',
          errorClass: WORKER_LOST,
          errorMessage: 'the worker stopped during this try',
          finishedAt: startedAt,
        })
        .where(
          and(
            eq(generationTries.generationId, generationId),
            eq(generationTries.outcome, 'running'),
          ),
        );
      const [opened] = await ctx.db
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
      tryId = opened?.id;
      return true;
    },

    /** The provider's request id, stored before polling: a retry resumes instead of paying twice. */
    async requestAcknowledged(requestId: string): Promise<void> {
      await updateTry({ providerRequestId: requestId });
    },

    async tryFailed(failure: TryFailure): Promise<void> {
      await updateTry({
        outcome: 'failed',
        errorClass: failure.errorClass,
        errorMessage: truncate(failure.message),
        httpStatus: failure.httpStatus ?? null,
        ttfbMs: failure.ttfbMs === undefined ? null : Math.round(failure.ttfbMs),
        latencyMs: Math.round(failure.latencyMs ?? ctx.now().getTime() - startedAt.getTime()),
        requestSettled: failure.requestSettled ?? false,
        ...(failure.providerRequestId ? { providerRequestId: failure.providerRequestId } : {}),
        finishedAt: ctx.now(),
      });
    },

    /** The last error stays visible on the generation while it waits for its retry. */
    async retryPending(failure: TryFailure): Promise<void> {
      await ctx.db
        .update(generations)
        .set({
          errorClass: failure.errorClass,
          errorMessage: truncate(failure.message),
          updatedAt: ctx.now(),
        })
        .where(unfinished);
    },

    /**
     * Records the stored image on the generation and the try. False when another run of the
     * job finished first: its image is the one on the row, and the caller discards this one.
     */
    async succeeded(outcome: {
      route: Route;
      result: GenerateResult;
      image: StoredImage;
      tier: ResolutionTier;
      costUsd: number | null;
      servingBytes: number | null;
      resumeRequestId: string | undefined;
    }): Promise<boolean> {
      const { route, result, tier, costUsd } = outcome;
      const sizeUsed = formatSize(result.sizeUsed);
      const mapping = result.sizeMapping;
      const [won] = await ctx.db
        .update(generations)
        .set({
          status: 'succeeded',
          imageId: outcome.image.id,
          servingBytes: outcome.servingBytes,
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
          costUsd,
          errorClass: null,
          errorMessage: null,
          finishedAt: ctx.now(),
          updatedAt: ctx.now(),
        })
        .where(unfinished)
        .returning({ id: generations.id });
      await updateTry({
        outcome: 'succeeded',
        providerRequestId: result.providerRequestId ?? outcome.resumeRequestId ?? null,
        requestSettled: true,
        httpStatus: result.httpStatus,
        ttfbMs: Math.round(result.ttfbMs),
        latencyMs: Math.round(result.latencyMs),
        bytes: result.bytes.length,
        sizeUsed,
        resolution: tier,
        costUsd,
        finishedAt: ctx.now(),
      });
      return Boolean(won);
    },

    /** The generation ends without an image (no provider, a refusal, retries used up). */
    async failed(failure: TryFailure, route?: Route): Promise<void> {
      await ctx.db
        .update(generations)
        .set({
          status: 'failed',
          errorClass: failure.errorClass,
          errorMessage: truncate(failure.message),
          providerId: route?.provider.id ?? null,
          offeringId: route?.offering.id ?? null,
          finishedAt: ctx.now(),
          updatedAt: ctx.now(),
        })
        .where(unfinished);
    },
  };
}

export type GenerationLedger = ReturnType<typeof openGenerationLedger>;
