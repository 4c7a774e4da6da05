import { z } from 'zod';
import { imagePolicy, joinUrl, limitsFrom, type AdapterOptions } from '../adapter-options';
import { CallContext } from '../call-context';
import { defaultSizeSupport } from '../default-size-support';
import { providerMessage } from '../http-errors';
import { dataUri } from '../image-bytes';
import { pollDelays, sleep } from '../poll';
import { markSettled } from '../settled';
import { mapSize, type SizeMapping, type SizeSupport } from '../size-mapping';
import {
  ProviderError,
  type GenerateRequest,
  type ProviderAdapter,
  type ProviderConnection,
} from '../types';
import { falContentPolicyReason } from './content-policy';

export const FAL_DEFAULT_BASE_URL = 'https://queue.fal.run';
/** Where fal serves generated files. */
export const FAL_IMAGE_HOSTS = ['fal.media', '*.fal.media', 'storage.googleapis.com'];

const Submitted = z.object({ request_id: z.string().min(1) });
const Status = z.object({
  status: z.enum(['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED']),
  error: z.string().nullish(),
  error_type: z.string().nullish(),
});
const Output = z.object({
  images: z.array(z.object({ url: z.string() })).min(1),
  has_nsfw_concepts: z.array(z.boolean()).nullish(),
});

function input(request: GenerateRequest, mapping: SizeMapping, support: SizeSupport) {
  const size =
    support.kind === 'ratios'
      ? {
          aspect_ratio: mapping.used.aspectRatio,
          ...(support.tiers.length > 1 ? { resolution: mapping.used.resolution } : {}),
        }
      : { image_size: { width: mapping.used.size.width, height: mapping.used.size.height } };
  const sources = request.sourceImages ?? [];
  return {
    prompt: request.prompt,
    num_images: 1,
    seed: request.seed,
    ...size,
    ...(sources.length ? { image_urls: sources.map(dataUri) } : {}),
    ...(request.outputFormat ? { output_format: request.outputFormat } : {}),
  };
}

/**
 * fal's queue API: submit, hand the request id to the caller, poll the status, fetch the
 * result, download the image. A request id from an earlier try is resumed, not paid again.
 */
export function createFalAdapter(
  connection: ProviderConnection,
  options: AdapterOptions = {},
): ProviderAdapter {
  const base = connection.baseUrl ?? FAL_DEFAULT_BASE_URL;
  const limits = limitsFrom(options);
  const policy = imagePolicy(FAL_IMAGE_HOSTS, options);
  const errors = { contentPolicyReason: falContentPolicyReason };

  return {
    kind: 'fal',
    async generate(request) {
      const ctx = new CallContext(request.signal, connection.apiKey, limits, options.fetch);
      try {
        if (!connection.apiKey) {
          throw new ProviderError('auth', 'no API key configured for fal', { retryable: false });
        }
        const headers = { authorization: `Key ${connection.apiKey}` };
        const support = request.sizeSupport ?? defaultSizeSupport('fal', request.providerModelId);
        const mapping = mapSize(request, support);
        // Status and result live under the app (owner/name), without any sub-path.
        const app = request.providerModelId.split('/').slice(0, 2).join('/');
        let requestId = request.resumeRequestId;
        if (!requestId) {
          const submitted = await ctx.api({
            url: joinUrl(base, `/${request.providerModelId}`),
            headers,
            json: input(request, mapping, support),
            errors,
          });
          const parsed = Submitted.safeParse(submitted.json);
          if (!parsed.success) throw malformed('submit answer has no request_id', submitted.status);
          requestId = parsed.data.request_id;
          ctx.providerRequestId = requestId;
          await request.onRequestId?.(requestId);
        }
        ctx.providerRequestId = requestId;
        const requestPath = `/${app}/requests/${encodeURIComponent(requestId)}`;
        const delays = pollDelays(
          options.pollIntervalMs ?? 1000,
          options.maxPollIntervalMs ?? 5000,
        );
        for (;;) {
          const status = await ctx.api({
            url: joinUrl(base, `${requestPath}/status`),
            headers,
            errors,
          });
          const parsed = Status.safeParse(status.json);
          if (!parsed.success) throw malformed('unexpected status answer', status.status);
          if (parsed.data.status === 'COMPLETED') {
            if (parsed.data.error) throw failed(status.json, status.status);
            break;
          }
          await sleep(delays.next().value as number, request.signal);
        }
        const result = await ctx.api({ url: joinUrl(base, requestPath), headers, errors });
        const output = Output.safeParse(result.json);
        if (!output.success) throw failed(result.json, result.status);
        if (output.data.has_nsfw_concepts?.[0]) {
          throw new ProviderError(
            'content_policy',
            'refused by content policy: output flagged as NSFW',
            {
              retryable: false,
              httpStatus: result.status,
              requestSettled: true,
            },
          );
        }
        const image = await ctx.download(output.data.images[0]!.url, policy);
        return ctx.result(image.bytes, result.status, mapping);
      } catch (error) {
        throw ctx.fail(ctx.providerRequestId ? markSettled(error) : error);
      }
    },
  };
}

function malformed(message: string, httpStatus: number): ProviderError {
  return new ProviderError('malformed_response', message, { retryable: true, httpStatus });
}

/** A completed request that produced no image: refused, or failed on fal's side. */
function failed(json: unknown, httpStatus: number): ProviderError {
  const reason = falContentPolicyReason(json);
  if (reason !== undefined) {
    return new ProviderError('content_policy', `refused by content policy: ${reason}`, {
      retryable: false,
      httpStatus,
      requestSettled: true,
    });
  }
  const message = providerMessage(json) ?? 'request completed without an image';
  return new ProviderError('provider_failed', `fal request failed: ${message}`, {
    retryable: true,
    httpStatus,
    requestSettled: true,
  });
}
