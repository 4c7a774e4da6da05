import { joinUrl, limitsFrom, type AdapterOptions } from '../adapter-options';
import { CallContext } from '../call-context';
import { defaultSizeSupport } from '../default-size-support';
import { checkedSource } from '../image-bytes';
import { parseDurationSeconds } from '../retry-after';
import { mapSize, type SizeMapping, type SizeSupport } from '../size-mapping';
import {
  ProviderError,
  type GenerateRequest,
  type ProviderAdapter,
  type ProviderConnection,
} from '../types';
import { imageDataFrom, isGeminiKeyError, retryDelayFrom } from './response';

export const GEMINI_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';

function requestBody(request: GenerateRequest, mapping: SizeMapping, support: SizeSupport) {
  const sources = (request.sourceImages ?? []).map((source) => {
    const { bytes, contentType } = checkedSource(source);
    return { inline_data: { mime_type: contentType, data: bytes.toString('base64') } };
  });
  // A model with a single tier takes no imageSize (gemini-2.5-flash-image refuses it).
  const sized = support.kind === 'ratios' && support.tiers.length > 1;
  return {
    contents: [{ role: 'user', parts: [{ text: request.prompt }, ...sources] }],
    generationConfig: {
      responseModalities: ['IMAGE'],
      seed: request.seed,
      imageConfig: {
        aspectRatio: mapping.used.aspectRatio,
        ...(sized ? { imageSize: mapping.used.resolution } : {}),
      },
    },
  };
}

/** The Gemini API's generateContent with image output ("Nano Banana" and kin). */
export function createGeminiAdapter(
  connection: ProviderConnection,
  options: AdapterOptions = {},
): ProviderAdapter {
  const base = connection.baseUrl ?? GEMINI_DEFAULT_BASE_URL;
  const limits = limitsFrom(options);

  return {
    kind: 'gemini',
    async generate(request) {
      const ctx = new CallContext(request.signal, connection.apiKey, limits, options.fetch);
      try {
        if (!connection.apiKey) {
          throw new ProviderError('auth', 'no API key configured for Gemini', { retryable: false });
        }
        const support =
          request.sizeSupport ?? defaultSizeSupport('gemini', request.providerModelId);
        const mapping = mapSize(request, support);
        const model = encodeURIComponent(request.providerModelId.replace(/^models\//, ''));
        const answer = await ctx.api({
          url: joinUrl(base, `/v1beta/models/${model}:generateContent`),
          headers: { 'x-goog-api-key': connection.apiKey },
          json: requestBody(request, mapping, support),
          errors: {
            retryAfterFromBody: (json) => parseDurationSeconds(retryDelayFrom(json)),
            isAuthFailure: isGeminiKeyError,
          },
        });
        const responseId = (answer.json as { responseId?: unknown } | null)?.responseId;
        if (typeof responseId === 'string') ctx.providerRequestId = responseId;
        const bytes = ctx.inlineImage(imageDataFrom(answer.json, answer.status));
        return ctx.result(bytes, answer.status, mapping);
      } catch (error) {
        throw ctx.fail(error);
      }
    },
  };
}
