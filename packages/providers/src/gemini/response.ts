import { z } from 'zod';
import { ProviderError } from '../types';

const InlineData = z.object({
  data: z.string(),
  mimeType: z.string().optional(),
  mime_type: z.string().optional(),
});
const Part = z.object({
  text: z.string().optional(),
  inlineData: InlineData.optional(),
  inline_data: InlineData.optional(),
});

export const GeminiResponse = z.object({
  responseId: z.string().optional(),
  promptFeedback: z
    .object({ blockReason: z.string().optional(), blockReasonMessage: z.string().optional() })
    .optional(),
  candidates: z
    .array(
      z.object({
        content: z.object({ parts: z.array(Part).optional() }).optional(),
        finishReason: z.string().optional(),
        finishMessage: z.string().optional(),
      }),
    )
    .optional(),
});
export type GeminiResponse = z.infer<typeof GeminiResponse>;

/** Finish reasons that mean the model refused on safety grounds, not that it failed. */
const REFUSALS = new Set([
  'SAFETY',
  'PROHIBITED_CONTENT',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'BLOCKLIST',
  'SPII',
]);

/** The base64 image in a generateContent answer, or the reason there is none. */
export function imageDataFrom(json: unknown, httpStatus: number): string {
  const parsed = GeminiResponse.safeParse(json);
  if (!parsed.success) {
    throw new ProviderError('malformed_response', 'unexpected generateContent answer', {
      retryable: true,
      httpStatus,
    });
  }
  const { promptFeedback, candidates } = parsed.data;
  const settled = { retryable: false, httpStatus, requestSettled: true };
  if (promptFeedback?.blockReason) {
    const detail = promptFeedback.blockReasonMessage
      ? `: ${promptFeedback.blockReasonMessage}`
      : '';
    throw new ProviderError(
      'content_policy',
      `refused by content policy: prompt blocked (${promptFeedback.blockReason})${detail}`,
      settled,
    );
  }
  const candidate = candidates?.[0];
  const finish = candidate?.finishReason;
  if (finish && REFUSALS.has(finish)) {
    const detail = candidate.finishMessage ? `: ${candidate.finishMessage}` : '';
    throw new ProviderError(
      'content_policy',
      `refused by content policy: ${finish}${detail}`,
      settled,
    );
  }
  const parts = candidate?.content?.parts ?? [];
  for (const part of parts) {
    const inline = part.inlineData ?? part.inline_data;
    if (inline?.data) return inline.data;
  }
  const text = parts.find((p) => p.text)?.text;
  throw new ProviderError(
    'provider_failed',
    `no image in the answer (finishReason ${finish ?? 'none'})${text ? `: ${text.slice(0, 200)}` : ''}`,
    { retryable: true, httpStatus },
  );
}

/** Google puts the wait in the body: `details[{ @type: ...RetryInfo, retryDelay: "13s" }]`. */
export function retryDelayFrom(json: unknown): string | undefined {
  const details = (json as { error?: { details?: unknown } } | undefined)?.error?.details;
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    const delay = (detail as { retryDelay?: unknown } | null)?.retryDelay;
    if (typeof delay === 'string') return delay;
  }
  return undefined;
}

/** Gemini refuses a bad key with 400 INVALID_ARGUMENT and an ErrorInfo reason. */
export function isGeminiKeyError(json: unknown): boolean {
  const error = (json as { error?: { message?: unknown; details?: unknown } } | undefined)?.error;
  if (!error) return false;
  const details = Array.isArray(error.details) ? error.details : [];
  return (
    details.some((d) => (d as { reason?: unknown } | null)?.reason === 'API_KEY_INVALID') ||
    (typeof error.message === 'string' && /API key not valid/i.test(error.message))
  );
}
