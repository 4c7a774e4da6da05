import type { ServerResponse } from 'node:http';
import { parseForm, parseJson } from './request-body';
import type { RecordedRequest } from './recorded';
import type { FakePlan } from './scenario';
import { dripOf, FakeProviderServer, MALFORMED_JSON } from './server';

interface ImagesCall {
  model: string;
  responseFormat: string;
  edit: boolean;
}

/**
 * The OpenAI images API: `POST /v1/images/generations` (JSON) and `POST /v1/images/edits`
 * (multipart, `image` or `image[]` parts), `Authorization: Bearer <key>`.
 */
export class FakeOpenAiServer extends FakeProviderServer {
  protected readonly authHeader = 'authorization';

  protected async handle(record: RecordedRequest, res: ServerResponse): Promise<void> {
    const generations = record.method === 'POST' && record.path === '/v1/images/generations';
    const edits = record.method === 'POST' && record.path === '/v1/images/edits';
    if (!generations && !edits)
      return this.error(res, 404, 'Unknown endpoint', 'invalid_request_error');
    record.kind = generations ? 'generate' : 'edit';
    if (record.headers.authorization !== `Bearer ${this.apiKey}`) {
      return this.error(
        res,
        401,
        'Incorrect API key provided: sk-fak*****6789.',
        'invalid_request_error',
        'invalid_api_key',
      );
    }
    const call = generations ? this.readJson(record) : await this.readForm(record);
    if (typeof call === 'string') return this.error(res, 400, call, 'invalid_request_error');
    record.modelId = call.model;
    const plan = this.scenario.plan(call.model);
    await this.answer(res, plan, call);
  }

  private readJson(record: RecordedRequest): ImagesCall | string {
    const json = parseJson(record) as Record<string, unknown> | undefined;
    if (!json || typeof json !== 'object')
      return 'We could not parse the JSON body of your request.';
    if (typeof json.model !== 'string' || typeof json.prompt !== 'string' || json.prompt === '') {
      return "Missing required parameter: 'prompt' or 'model'.";
    }
    if (json.n !== undefined && json.n !== 1) return "Invalid 'n': only 1 is supported here.";
    const check = this.checkCommon(json.size, json.response_format);
    if (check) return check;
    return {
      model: json.model,
      responseFormat: String(json.response_format ?? 'b64_json'),
      edit: false,
    };
  }

  private async readForm(record: RecordedRequest): Promise<ImagesCall | string> {
    const parts = await parseForm(record);
    if (!parts) return 'Expected a multipart/form-data body.';
    const field = (name: string) =>
      parts.find((p) => p.name === name && p.value !== undefined)?.value;
    const images = parts.filter((p) => (p.name === 'image' || p.name === 'image[]') && p.bytes);
    if (images.length === 0 || images.some((p) => !p.bytes?.length)) {
      return "Missing required parameter: 'image'.";
    }
    const model = field('model');
    if (!model || !field('prompt')) return "Missing required parameter: 'prompt' or 'model'.";
    const check = this.checkCommon(field('size'), field('response_format'));
    if (check) return check;
    return { model, responseFormat: field('response_format') ?? 'b64_json', edit: true };
  }

  private checkCommon(size: unknown, format: unknown): string | undefined {
    if (size !== undefined && (typeof size !== 'string' || !/^(\d+x\d+|auto)$/.test(size))) {
      return `Invalid value for 'size': ${String(size)}.`;
    }
    if (format !== undefined && format !== 'url' && format !== 'b64_json') {
      return `Invalid value for 'response_format': ${String(format)}.`;
    }
    return undefined;
  }

  private async answer(res: ServerResponse, plan: FakePlan, call: ImagesCall): Promise<void> {
    const b = plan.behaviour;
    const requestId = this.nextId('req_');
    const headers = { 'x-request-id': requestId };
    const error = (
      status: number,
      message: string,
      type: string,
      code: string | null,
      extra: Record<string, string> = {},
    ) =>
      this.respond(res, plan, {
        status,
        headers: { ...headers, ...extra },
        body: JSON.stringify({ error: { message, type, param: null, code } }),
      });
    switch (b.kind) {
      case 'server_error':
        return error(
          b.status ?? 500,
          'The server had an error while processing your request.',
          'server_error',
          null,
        );
      case 'rate_limited':
        return error(
          429,
          'Rate limit reached for images per minute.',
          'requests',
          'rate_limit_exceeded',
          {
            'retry-after': b.retryAfter ?? '7',
          },
        );
      case 'content_policy':
        return error(
          400,
          b.reason ?? 'Your request was rejected as a result of our safety system.',
          'image_generation_user_error',
          call.model.startsWith('gpt-image') ? 'moderation_blocked' : 'content_policy_violation',
        );
      case 'bad_request':
        return error(
          400,
          b.message ?? "Invalid value for 'quality'.",
          'invalid_request_error',
          null,
        );
      case 'malformed_json':
        return this.respond(res, plan, { status: 200, headers, body: MALFORMED_JSON });
      case 'no_image':
        return this.respond(res, plan, {
          status: 200,
          headers,
          body: JSON.stringify({ created: 1, data: [{}] }),
        });
      default:
    }
    const linked =
      b.kind === 'private_image_url' ||
      b.kind === 'redirect_to_private' ||
      call.responseFormat === 'url';
    let item: Record<string, string>;
    if (linked) {
      item = { url: await this.imageUrlFor(b) };
    } else {
      item = { b64_json: (await this.imageFor(b)).bytes.toString('base64') };
    }
    const body = JSON.stringify({
      created: Math.floor(Date.now() / 1000),
      data: [{ ...item, revised_prompt: null }],
    });
    const drip = b.kind === 'slow_body' && !linked ? dripOf(b) : undefined;
    await this.respond(res, plan, { status: 200, headers, body, ...(drip ? { drip } : {}) });
  }

  private error(
    res: ServerResponse,
    status: number,
    message: string,
    type: string,
    code: string | null = null,
  ) {
    this.sendJson(res, status, { error: { message, type, param: null, code } });
  }
}

export function startFakeOpenAiServer(
  options?: ConstructorParameters<typeof FakeOpenAiServer>[0],
): Promise<FakeOpenAiServer> {
  return new FakeOpenAiServer(options).start();
}
