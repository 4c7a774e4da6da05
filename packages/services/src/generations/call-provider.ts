import { parseSize } from '@arena/core';
import { images } from '@arena/db';
import type { JobContext } from '@arena/jobs';
import type { GenerateResult, ProviderAdapter } from '@arena/providers';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import type { GenerationWork, Route } from './load-generation-work';

export interface ProviderCall {
  work: GenerationWork;
  route: Route;
  adapter: ProviderAdapter;
  resumeRequestId?: string;
  job: Pick<JobContext, 'signal'>;
  /** Stores the request id the provider assigned, before any polling. */
  onRequestId: (requestId: string) => Promise<void>;
}

/** One call of the provider for one generation, under the generation deadline. */
export async function callProvider(
  ctx: Pick<ServiceContext, 'db' | 'store' | 'config'>,
  call: ProviderCall,
): Promise<GenerateResult> {
  const { work, route } = call;
  return call.adapter.generate({
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
    signal: AbortSignal.any([AbortSignal.timeout(ctx.config.generationTimeoutMs), call.job.signal]),
    resumeRequestId: call.resumeRequestId,
    onRequestId: call.onRequestId,
  });
}

async function loadSourceImages(ctx: Pick<ServiceContext, 'db' | 'store'>, work: GenerationWork) {
  if (!work.challenge.sourceImageId) return undefined;
  const [row] = await ctx.db
    .select()
    .from(images)
    .where(eq(images.id, work.challenge.sourceImageId));
  const bytes = row && (await ctx.store.get(row.storageKey));
  if (!bytes) throw new Error(`source image ${work.challenge.sourceImageId} is missing`);
  return [{ bytes, contentType: 'image/webp' as const }];
}
