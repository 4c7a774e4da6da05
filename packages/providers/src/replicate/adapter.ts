import { z } from 'zod';
import { imagePolicy, joinUrl, limitsFrom, type AdapterOptions } from '../adapter-options';
import { CallContext } from '../call-context';
import { defaultSizeSupport } from '../default-size-support';
import { pollDelays, sleep } from '../poll';
import { markSettled } from '../settled';
import { mapSize } from '../size-mapping';
import { ProviderError, type ProviderAdapter, type ProviderConnection } from '../types';
import { replicateContentPolicyReason, replicateErrorBodyReason } from './content-policy';
import { replicateInput, type ReplicateInputOptions } from './input';

export interface ReplicateOptions extends AdapterOptions, ReplicateInputOptions {
  /**
   * Seconds for `Prefer: wait`. Off by default: while the server holds the answer the caller
   * has no prediction id to store, so a worker dying then would pay for the image twice.
   */
  preferWaitSeconds?: number;
}

export const REPLICATE_DEFAULT_BASE_URL = 'https://api.replicate.com';
/** Where Replicate serves prediction outputs. */
export const REPLICATE_IMAGE_HOSTS = ['replicate.delivery', '*.replicate.delivery'];

const Prediction = z.object({
  id: z.string().min(1),
  status: z.enum(['starting', 'processing', 'succeeded', 'failed', 'canceled', 'aborted']),
  output: z.union([z.string(), z.array(z.string()), z.null()]).optional(),
  error: z.unknown().optional(),
});
type Prediction = z.infer<typeof Prediction>;

/**
 * Replicate predictions: create (by model, or by `owner/name:version`), hand the id to the
 * caller, poll until settled, download the output. A stored id is resumed, not paid again.
 */
export function createReplicateAdapter(
  connection: ProviderConnection,
  options: ReplicateOptions = {},
): ProviderAdapter {
  const base = connection.baseUrl ?? REPLICATE_DEFAULT_BASE_URL;
  const limits = limitsFrom(options);
  const policy = imagePolicy(REPLICATE_IMAGE_HOSTS, options);
  const errors = { contentPolicyReason: replicateErrorBodyReason };

  return {
    kind: 'replicate',
    async generate(request) {
      const ctx = new CallContext(request.signal, connection.apiKey, limits, options.fetch);
      try {
        if (!connection.apiKey) {
          throw new ProviderError('auth', 'no API key configured for Replicate', {
            retryable: false,
          });
        }
        const auth = { authorization: `Bearer ${connection.apiKey}` };
        const support =
          request.sizeSupport ?? defaultSizeSupport('replicate', request.providerModelId);
        const mapping = mapSize(request, support);
        const parse = (json: unknown, httpStatus: number): Prediction => {
          const parsed = Prediction.safeParse(json);
          if (parsed.success) return parsed.data;
          throw new ProviderError('malformed_response', 'unexpected prediction answer', {
            retryable: true,
            httpStatus,
          });
        };
        let prediction: Prediction;
        let httpStatus: number;
        if (request.resumeRequestId) {
          ctx.providerRequestId = request.resumeRequestId;
          prediction = { id: request.resumeRequestId, status: 'starting' };
          httpStatus = 0;
        } else {
          const match = /^([\w.-]+)\/([\w.-]+)(?::(\w+))?$/.exec(request.providerModelId);
          if (!match) {
            throw new ProviderError(
              'bad_request',
              'Replicate model ids are owner/name or owner/name:version',
              {
                retryable: false,
              },
            );
          }
          const [, owner, name, version] = match;
          const input = await replicateInput(ctx, request, mapping, support, {
            base,
            auth,
            options,
          });
          const created = await ctx.api({
            url: joinUrl(
              base,
              version ? '/v1/predictions' : `/v1/models/${owner}/${name}/predictions`,
            ),
            headers: {
              ...auth,
              ...(options.preferWaitSeconds ? { prefer: `wait=${options.preferWaitSeconds}` } : {}),
            },
            json: version ? { version, input } : { input },
            errors,
          });
          prediction = parse(created.json, created.status);
          httpStatus = created.status;
          ctx.providerRequestId = prediction.id;
          await request.onRequestId?.(prediction.id);
        }
        const delays = pollDelays(
          options.pollIntervalMs ?? 1000,
          options.maxPollIntervalMs ?? 5000,
        );
        let first = true;
        while (prediction.status === 'starting' || prediction.status === 'processing') {
          if (!first) await sleep(delays.next().value as number, request.signal);
          first = false;
          const polled = await ctx.api({
            url: joinUrl(base, `/v1/predictions/${encodeURIComponent(prediction.id)}`),
            headers: auth,
            errors,
          });
          prediction = parse(polled.json, polled.status);
          httpStatus = polled.status;
        }
        if (prediction.status !== 'succeeded') throw unsuccessful(prediction, httpStatus);
        const output = Array.isArray(prediction.output) ? prediction.output[0] : prediction.output;
        if (!output) {
          throw new ProviderError('provider_failed', 'prediction succeeded without an output', {
            retryable: true,
            httpStatus,
            requestSettled: true,
          });
        }
        const image = await ctx.download(output, policy);
        return ctx.result(image.bytes, httpStatus, mapping);
      } catch (error) {
        throw ctx.fail(ctx.providerRequestId ? markSettled(error) : error);
      }
    },
  };
}

function unsuccessful(prediction: Prediction, httpStatus: number): ProviderError {
  const message = typeof prediction.error === 'string' ? prediction.error : undefined;
  const reason = replicateContentPolicyReason(message);
  if (reason !== undefined) {
    return new ProviderError('content_policy', `refused by content policy: ${reason}`, {
      retryable: false,
      httpStatus,
      requestSettled: true,
    });
  }
  return new ProviderError(
    'provider_failed',
    `prediction ${prediction.status}${message ? `: ${message}` : ''}`,
    { retryable: true, httpStatus, requestSettled: true },
  );
}
