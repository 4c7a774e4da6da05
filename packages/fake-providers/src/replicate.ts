import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { jobFinished, newJob, producedTtfb, SUBMIT_FAILURES, type FakeJob } from './jobs';
import { parseForm, parseJson } from './request-body';
import type { RecordedRequest } from './recorded';
import type { FakePlan } from './scenario';
import { FakeProviderServer, MALFORMED_JSON, type FakeServerOptions } from './server';

export interface FakeReplicateOptions extends FakeServerOptions {
  /** Answer `output` as one URL string (as some models do) instead of a list. */
  outputAsString?: boolean;
}

const SENSITIVE =
  'The input or output was flagged as sensitive. Please try again with different inputs. (E005)';

/**
 * Replicate predictions: `POST /v1/models/{owner}/{name}/predictions` or `POST /v1/predictions`
 * (with a version), `GET /v1/predictions/{id}` until succeeded / failed / canceled, `POST
 * /v1/files` for uploads, `Authorization: Bearer <key>`, `Prefer: wait` honoured.
 */
export class FakeReplicateServer extends FakeProviderServer {
  protected readonly authHeader = 'authorization';
  readonly jobs = new Map<string, FakeJob & { input: unknown; version?: string }>();
  private readonly outputAsString: boolean;

  constructor(options: FakeReplicateOptions = {}) {
    super(options);
    this.outputAsString = options.outputAsString ?? false;
  }

  protected async handle(record: RecordedRequest, res: ServerResponse): Promise<void> {
    const byModel = /^\/v1\/models\/([^/]+)\/([^/]+)\/predictions$/.exec(record.path);
    const poll = /^\/v1\/predictions\/([\w-]+)$/.exec(record.path);
    if (record.method === 'GET' && poll) {
      record.kind = 'status';
      if (!this.authorised(record, res)) return;
      const job = this.jobs.get(poll[1]!);
      if (!job)
        return this.problem(res, 404, 'Not found', 'The requested resource could not be found.');
      record.modelId = job.modelId;
      return this.sendJson(res, 200, this.view(job));
    }
    if (record.method === 'POST' && record.path === '/v1/files') {
      record.kind = 'upload';
      if (!this.authorised(record, res)) return;
      return this.upload(record, res);
    }
    const byVersion = record.method === 'POST' && record.path === '/v1/predictions';
    if (record.method !== 'POST' || (!byModel && !byVersion)) {
      return this.problem(res, 404, 'Not found', 'The requested resource could not be found.');
    }
    record.kind = 'submit';
    if (!this.authorised(record, res)) return;
    const json = parseJson(record) as
      { version?: unknown; input?: { prompt?: unknown } } | undefined;
    const modelId = byModel ? `${byModel[1]}/${byModel[2]}` : String(json?.version ?? '');
    record.modelId = modelId;
    if (!json || typeof json.input !== 'object' || json.input === null) {
      return this.problem(res, 422, 'Input validation failed', 'input is required');
    }
    if (byVersion && typeof json.version !== 'string') {
      return this.problem(res, 422, 'Input validation failed', 'version is required');
    }
    if (typeof json.input.prompt !== 'string' || json.input.prompt === '') {
      return this.problem(res, 422, 'Input validation failed', '- input: prompt is required');
    }
    await this.create(record, res, this.scenario.plan(modelId), json);
  }

  private authorised(record: RecordedRequest, res: ServerResponse): boolean {
    if (record.headers.authorization === `Bearer ${this.apiKey}`) return true;
    this.problem(res, 401, 'Unauthenticated', 'You did not pass a valid authentication token');
    return false;
  }

  private problem(
    res: ServerResponse,
    status: number,
    title: string,
    detail: string,
    headers: Record<string, string> = {},
  ) {
    this.sendJson(res, status, { title, detail, status }, headers);
  }

  private async upload(record: RecordedRequest, res: ServerResponse) {
    const parts = await parseForm(record);
    const content = parts?.find((p) => p.name === 'content' && p.bytes);
    if (!content?.bytes) return this.problem(res, 400, 'Bad request', 'content is required');
    const url = this.hostFile(content.bytes, content.contentType ?? 'application/octet-stream');
    this.sendJson(res, 201, {
      id: url.split('/').pop(),
      size: content.bytes.length,
      urls: { get: url },
    });
  }

  private async create(
    record: RecordedRequest,
    res: ServerResponse,
    plan: FakePlan,
    json: { version?: unknown; input?: unknown },
  ): Promise<void> {
    const b = plan.behaviour;
    const timing = { latencyMs: plan.ttfbMs ?? 0 };
    if (SUBMIT_FAILURES.has(b.kind)) {
      const answer = (
        status: number,
        title: string,
        detail: string,
        headers: Record<string, string> = {},
      ) =>
        this.respond(
          res,
          plan,
          { status, headers, body: JSON.stringify({ title, detail, status }) },
          timing,
        );
      if (b.kind === 'server_error')
        return answer(b.status ?? 500, 'Internal Server Error', 'Internal server error');
      if (b.kind === 'rate_limited') {
        const retryAfter = b.retryAfter ?? '7';
        return answer(
          429,
          'Request was throttled',
          `Request was throttled. Expected available in ${retryAfter} seconds.`,
          {
            'retry-after': retryAfter,
          },
        );
      }
      if (b.kind === 'bad_request')
        return answer(422, 'Input validation failed', b.message ?? '- input: invalid');
      if (b.kind === 'malformed_json')
        return this.respond(res, plan, { status: 201, body: MALFORMED_JSON }, timing);
      return; // hang
    }
    const job = {
      ...newJob(this.nextId('p'), plan),
      input: json.input,
      ...(typeof json.version === 'string' ? { version: json.version } : {}),
    };
    // The image is made up front so that views stay synchronous.
    if (b.kind !== 'content_policy' && b.kind !== 'no_image')
      job.imageUrl = await this.imageUrlFor(b);
    this.jobs.set(job.id, job);
    const wait = /wait(?:=(\d+))?/.exec(String(record.headers.prefer ?? ''));
    const holdMs = wait ? Math.min(plan.latencyMs, Number(wait[1] ?? 60) * 1000) : timing.latencyMs;
    setTimeout(() => {
      if (res.destroyed) return;
      job.answeredAt = performance.now();
      this.sendJson(res, 201, wait && jobFinished(job) ? this.view(job) : this.view(job, true));
    }, holdMs);
  }

  /** The prediction as the API shows it; polling moves starting -> processing -> settled. */
  private view(job: FakeJob & { input: unknown; version?: string }, fresh = false) {
    let status = 'starting';
    let output: unknown = null;
    let error: string | null = null;
    if (!fresh) job.polls++;
    if (!fresh && jobFinished(job)) {
      if (job.finishedSeenAt === undefined) {
        job.finishedSeenAt = performance.now();
        this.recordLatency(
          job.plan,
          job.finishedSeenAt - job.submittedAt,
          producedTtfb(job),
          job.id,
        );
      }
      const b = job.plan.behaviour;
      if (b.kind === 'content_policy') {
        status = 'failed';
        error = b.reason ?? SENSITIVE;
      } else {
        status = 'succeeded';
        if (b.kind !== 'no_image') {
          output = job.imageUrl ? (this.outputAsString ? job.imageUrl : [job.imageUrl]) : null;
        }
      }
    } else if (!fresh && job.polls > 1) status = 'processing';
    const get = `${this.baseUrl}/v1/predictions/${job.id}`;
    return {
      id: job.id,
      model: job.modelId,
      version: job.version ?? 'hidden',
      input: job.input,
      logs: '',
      output,
      data_removed: false,
      error,
      status,
      created_at: new Date().toISOString(),
      urls: { get, cancel: `${get}/cancel`, web: `https://replicate.com/p/${job.id}` },
    };
  }
}

export function startFakeReplicateServer(
  options?: FakeReplicateOptions,
): Promise<FakeReplicateServer> {
  return new FakeReplicateServer(options).start();
}
