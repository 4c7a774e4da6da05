import type { ServerResponse } from 'node:http';
import { DEFAULT_PRIVATE_IMAGE_URL, DEFAULT_REDIRECT_TARGET } from './behaviour';
import { parseJson } from './request-body';
import type { RecordedRequest } from './recorded';
import type { FakePlan } from './scenario';
import { dripOf, FakeProviderServer, MALFORMED_JSON } from './server';

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/**
 * The Gemini API's `POST /v1beta/models/{model}:generateContent` with `x-goog-api-key`,
 * answering with inline base64 image parts, or a block reason.
 */
export class FakeGeminiServer extends FakeProviderServer {
  protected readonly authHeader = 'x-goog-api-key';

  protected async handle(record: RecordedRequest, res: ServerResponse): Promise<void> {
    const match = /^\/v1beta\/models\/([^/:]+):generateContent$/.exec(record.path);
    if (record.method !== 'POST' || !match) return this.error(res, 404, 'Method not found.');
    record.kind = 'generate';
    const model = decodeURIComponent(match[1]!);
    record.modelId = model;
    if (record.headers['x-goog-api-key'] !== this.apiKey) {
      return this.sendJson(res, 400, {
        error: {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT',
          details: [
            { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' },
          ],
        },
      });
    }
    const problem = this.validate(record);
    if (problem) return this.error(res, 400, problem);
    await this.answer(res, this.scenario.plan(model));
  }

  private validate(record: RecordedRequest): string | undefined {
    const json = parseJson(record) as
      | {
          contents?: { parts?: Record<string, unknown>[] }[];
          generationConfig?: { responseModalities?: unknown };
        }
      | undefined;
    if (!json || typeof json !== 'object') return 'Invalid JSON payload received.';
    const parts = json.contents?.[0]?.parts;
    if (!Array.isArray(parts) || !parts.some((p) => typeof p.text === 'string')) {
      return 'contents[0].parts must contain a text part.';
    }
    for (const part of parts) {
      const inline = (part.inline_data ?? part.inlineData) as { data?: unknown } | undefined;
      if (inline && (typeof inline.data !== 'string' || inline.data === ''))
        return 'inline_data.data is empty.';
    }
    const modalities = json.generationConfig?.responseModalities;
    if (!Array.isArray(modalities) || !modalities.includes('IMAGE')) {
      return 'generationConfig.responseModalities must include IMAGE.';
    }
    return undefined;
  }

  private async answer(res: ServerResponse, plan: FakePlan): Promise<void> {
    const b = plan.behaviour;
    const responseId = this.nextId('resp-');
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      this.respond(res, plan, { status, headers, body: JSON.stringify(body) });
    const googleError = (status: number, message: string, details: unknown[] = []) =>
      json(status, {
        error: { code: status, message, status: STATUS_NAMES[status] ?? 'UNKNOWN', details },
      });
    const candidate = (parts: unknown[], finishReason = 'STOP', finishMessage?: string) => ({
      candidates: [
        {
          content: { role: 'model', parts },
          finishReason,
          ...(finishMessage ? { finishMessage } : {}),
        },
      ],
      responseId,
      modelVersion: plan.modelId,
    });
    switch (b.kind) {
      case 'server_error':
        return googleError(b.status ?? 500, 'Internal error encountered.');
      case 'rate_limited': {
        const retryAfter = b.retryAfter ?? '7';
        const details = /^\d+$/.test(retryAfter)
          ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfter}s` }]
          : [];
        return this.respond(res, plan, {
          status: 429,
          headers: { 'retry-after': retryAfter },
          body: JSON.stringify({
            error: {
              code: 429,
              message: 'Resource has been exhausted (e.g. check quota).',
              status: 'RESOURCE_EXHAUSTED',
              details,
            },
          }),
        });
      }
      case 'content_policy':
        if (b.stage === 'output') {
          return json(
            200,
            candidate([], 'IMAGE_SAFETY', b.reason ?? 'Unable to show the generated image.'),
          );
        }
        return json(200, {
          promptFeedback: {
            blockReason: 'PROHIBITED_CONTENT',
            ...(b.reason ? { blockReasonMessage: b.reason } : {}),
          },
          responseId,
        });
      case 'bad_request':
        return googleError(400, b.message ?? 'Request contains an invalid argument.');
      case 'malformed_json':
        return this.respond(res, plan, { status: 200, body: MALFORMED_JSON });
      case 'no_image':
        return json(200, candidate([{ text: 'I can only describe this picture in words.' }]));
      case 'private_image_url':
      case 'redirect_to_private':
        // Gemini answers inline; a file reference must never be fetched by the client.
        return json(
          200,
          candidate([
            {
              fileData: {
                mimeType: 'image/png',
                fileUri:
                  b.kind === 'private_image_url'
                    ? (b.url ?? DEFAULT_PRIVATE_IMAGE_URL)
                    : (b.target ?? DEFAULT_REDIRECT_TARGET),
              },
            },
          ]),
        );
      default: {
        const image = await this.imageFor(b);
        const body = JSON.stringify(
          candidate([
            { inlineData: { mimeType: 'image/png', data: image.bytes.toString('base64') } },
          ]),
        );
        const drip = b.kind === 'slow_body' ? dripOf(b) : undefined;
        return this.respond(res, plan, { status: 200, body, ...(drip ? { drip } : {}) });
      }
    }
  }

  private error(res: ServerResponse, status: number, message: string) {
    this.sendJson(res, status, {
      error: { code: status, message, status: STATUS_NAMES[status] ?? 'UNKNOWN' },
    });
  }
}

export function startFakeGeminiServer(
  options?: ConstructorParameters<typeof FakeGeminiServer>[0],
): Promise<FakeGeminiServer> {
  return new FakeGeminiServer(options).start();
}
