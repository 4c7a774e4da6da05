import { formatSize } from '@arena/core';
import { z } from 'zod';
import { imagePolicy, joinUrl, limitsFrom, type AdapterOptions } from '../adapter-options';
import { CallContext, type ApiAnswer } from '../call-context';
import { defaultSizeSupport } from '../default-size-support';
import { checkedSource, extensionFor } from '../image-bytes';
import { encodeMultipart } from '../multipart';
import { mapSize, type SizeMapping } from '../size-mapping';
import {
  ProviderError,
  type GenerateRequest,
  type ProviderAdapter,
  type ProviderConnection,
} from '../types';
import { openAiContentPolicyReason } from './content-policy';

export interface OpenAiCompatibleOptions extends AdapterOptions {
  /**
   * How images should come back. `b64_json` (default) avoids a second download; `omit` leaves
   * the field out for servers that refuse it.
   */
  responseFormat?: 'b64_json' | 'url' | 'omit';
}

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com';

const ImagesResponse = z.object({
  data: z.array(z.object({ b64_json: z.string().nullish(), url: z.string().nullish() })).min(1),
});

/**
 * The OpenAI images API (`/v1/images/generations`, `/v1/images/edits`), as spoken by OpenAI
 * and by the gateways and self-hosted servers that copy it. The base URL may end in `/v1`.
 */
export function createOpenAiCompatibleAdapter(
  connection: ProviderConnection,
  options: OpenAiCompatibleOptions = {},
): ProviderAdapter {
  const root = (connection.baseUrl ?? OPENAI_DEFAULT_BASE_URL)
    .replace(/\/+$/, '')
    .replace(/\/v1$/, '');
  const rootUrl = new URL(root);
  // Links to the gateway's own origin are as trusted as the gateway; anything else is not.
  const policy = imagePolicy([rootUrl.hostname], options);
  const limits = limitsFrom(options);
  const responseFormat = options.responseFormat ?? 'b64_json';
  const auth: Record<string, string> = connection.apiKey
    ? { authorization: `Bearer ${connection.apiKey}` }
    : {};

  async function call(
    ctx: CallContext,
    request: GenerateRequest,
    mapping: SizeMapping,
  ): Promise<ApiAnswer> {
    const fields: Record<string, string> = {
      model: request.providerModelId,
      prompt: request.prompt,
      n: '1',
      size: formatSize(mapping.used.size),
      ...(responseFormat === 'omit' ? {} : { response_format: responseFormat }),
      ...(request.outputFormat ? { output_format: request.outputFormat } : {}),
    };
    const errors = { contentPolicyReason: openAiContentPolicyReason };
    const requestIdHeader = 'x-request-id';
    const sources = request.sourceImages ?? [];
    if (sources.length === 0) {
      const { n: _n, ...rest } = fields;
      return ctx.api({
        url: joinUrl(root, '/v1/images/generations'),
        headers: auth,
        json: { ...rest, n: 1 },
        errors,
        requestIdHeader,
      });
    }
    const field = sources.length === 1 ? 'image' : 'image[]';
    const files = sources.map((source, i) => {
      const { bytes, contentType } = checkedSource(source);
      return { field, bytes, contentType, filename: `image-${i + 1}.${extensionFor(contentType)}` };
    });
    const { body, contentType } = await encodeMultipart(fields, files);
    return ctx.api({
      url: joinUrl(root, '/v1/images/edits'),
      headers: { ...auth, 'content-type': contentType },
      body,
      errors,
      requestIdHeader,
    });
  }

  return {
    kind: 'openai-compatible',
    async generate(request) {
      const ctx = new CallContext(request.signal, connection.apiKey, limits, options.fetch);
      try {
        const support =
          request.sizeSupport ?? defaultSizeSupport('openai-compatible', request.providerModelId);
        const mapping = mapSize(request, support);
        const answer = await call(ctx, request, mapping);
        const parsed = ImagesResponse.safeParse(answer.json);
        const image = parsed.success ? parsed.data.data[0] : undefined;
        let bytes: Buffer;
        if (image?.b64_json) bytes = ctx.inlineImage(image.b64_json);
        else if (image?.url) bytes = (await ctx.download(image.url, policy, rootUrl.origin)).bytes;
        else {
          throw new ProviderError('malformed_response', 'no image in the provider answer', {
            retryable: true,
            httpStatus: answer.status,
          });
        }
        return ctx.result(bytes, answer.status, mapping);
      } catch (error) {
        throw ctx.fail(error);
      }
    },
  };
}
