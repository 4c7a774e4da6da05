import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  ASPECT_RATIOS,
  isAspectRatio,
  isResolutionTier,
  parseSize,
  pixelSize,
  PROVIDER_KINDS,
  RESOLUTION_TIERS,
  type AspectRatio,
  type ProviderKind,
  type ResolutionTier,
} from '@arena/core';
import { createDemoAdapter } from '@arena/demo-provider';
import {
  createAdapter,
  mapSize,
  ProviderError,
  type GenerateResult,
  type SourceImage,
} from '@arena/providers';
import { normaliseImage, sniffImageType } from '@arena/storage';
import { UsageError } from '../usage-error';

const USAGE = `usage: pnpm arena generate --kind ${PROVIDER_KINDS.join('|')} --model ID --prompt TEXT --out FILE
       [--base-url URL] [--api-key-env VAR] [--image FILE]
       [--size WxH | --aspect-ratio R --resolution 0.5K|1K|2K|4K] [--timeout-ms N] [--price-usd N]`;

/**
 * `pnpm arena generate`: one call to a provider, outside the arena, to try a provider before
 * adding it. Writes the normalised image and prints one JSON line with what the call did.
 */
export async function generateCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      kind: { type: 'string' },
      'base-url': { type: 'string' },
      'api-key-env': { type: 'string' },
      model: { type: 'string' },
      prompt: { type: 'string' },
      image: { type: 'string' },
      size: { type: 'string' },
      'aspect-ratio': { type: 'string' },
      resolution: { type: 'string' },
      out: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'price-usd': { type: 'string' },
    },
  });
  const kind = values.kind as ProviderKind | undefined;
  if (!kind || !PROVIDER_KINDS.includes(kind) || !values.model || !values.prompt || !values.out) {
    throw new UsageError(USAGE);
  }
  let apiKey: string | undefined;
  if (values['api-key-env']) {
    apiKey = process.env[values['api-key-env']];
    if (!apiKey) throw new UsageError(`${values['api-key-env']} is not set in the environment`);
  }

  let aspectRatio: AspectRatio;
  let resolution: ResolutionTier;
  let size;
  if (values.size) {
    size = parseSize(values.size);
    if (!size) throw new UsageError(`--size must look like 1024x1024, not ${values.size}`);
    // The arena's nearest ratio and tier, for adapters that take those instead of pixels.
    const nearest = mapSize(
      { size },
      { kind: 'ratios', ratios: ASPECT_RATIOS, tiers: RESOLUTION_TIERS },
    );
    aspectRatio = nearest.used.aspectRatio as AspectRatio;
    resolution = nearest.used.resolution;
  } else {
    const ratio = values['aspect-ratio'] ?? '1:1';
    const tier = values.resolution ?? '1K';
    if (!isAspectRatio(ratio)) throw new UsageError(`unknown aspect ratio ${ratio}`);
    if (!isResolutionTier(tier)) throw new UsageError(`unknown resolution ${tier}`);
    aspectRatio = ratio;
    resolution = tier;
    size = pixelSize(ratio, tier);
  }

  let sourceImages: SourceImage[] | undefined;
  if (values.image) {
    const bytes = await readFile(values.image);
    const contentType = sniffImageType(bytes);
    if (!contentType) throw new UsageError(`${values.image} is not a PNG, JPEG or WebP image`);
    sourceImages = [{ bytes, contentType }];
  }

  const adapter =
    kind === 'demo'
      ? createDemoAdapter({ profile: 'fast', latencyScale: 1 })
      : createAdapter({ kind, baseUrl: values['base-url'], apiKey });
  const requestedSize = `${size.width}x${size.height}`;
  const timeoutMs = Number(values['timeout-ms'] ?? 180_000);
  const price = values['price-usd'] === undefined ? null : Number(values['price-usd']);

  let result: GenerateResult;
  try {
    result = await adapter.generate({
      providerModelId: values.model,
      model: { slug: values.model, name: values.model },
      prompt: values.prompt,
      sourceImages,
      aspectRatio,
      resolution,
      size,
      seed: 1,
      attempt: 1,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const failure = error instanceof ProviderError ? error : undefined;
    console.log(
      JSON.stringify({
        provider_request_id: failure?.options.providerRequestId ?? null,
        size_requested: requestedSize,
        size_used: null,
        http_status: failure?.options.httpStatus ?? null,
        ttfb_ms: failure?.options.ttfbMs ?? null,
        latency_ms: failure?.options.latencyMs ?? null,
        bytes: null,
        cost: null,
        error_class: failure?.errorClass ?? 'internal',
        error: error instanceof Error ? error.message : String(error),
      }),
    );
    process.exitCode = 1;
    return;
  }

  const image = await normaliseImage(result.bytes);
  await writeFile(values.out, image.bytes);
  console.log(
    JSON.stringify({
      provider_request_id: result.providerRequestId ?? null,
      size_requested: requestedSize,
      size_used: `${result.sizeUsed.width}x${result.sizeUsed.height}`,
      http_status: result.httpStatus,
      ttfb_ms: Math.round(result.ttfbMs),
      latency_ms: Math.round(result.latencyMs),
      bytes: result.bytes.length,
      cost: price,
      error_class: null,
    }),
  );
}
