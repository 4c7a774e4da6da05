import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { jobFinished, newJob, producedTtfb, SUBMIT_FAILURES, type FakeJob } from './jobs';
import { parseJson } from './request-body';
import type { RecordedRequest } from './recorded';
import type { FakePlan } from './scenario';
import { FakeProviderServer, MALFORMED_JSON } from './server';

/**
 * fal's queue API: `POST /{model}` with `Authorization: Key <key>` queues a request; `GET
 * /{owner}/{app}/requests/{id}/status` reports IN_QUEUE, IN_PROGRESS, COMPLETED; `GET
 * /{owner}/{app}/requests/{id}` returns `images[].url`.
 */
export class FakeFalServer extends FakeProviderServer {
  protected readonly authHeader = 'authorization';
  readonly jobs = new Map<string, FakeJob>();

  protected async handle(record: RecordedRequest, res: ServerResponse): Promise<void> {
    const queued = /^\/([^/]+\/[^/]+)\/requests\/([\w-]+)(\/status)?$/.exec(record.path);
    if (record.method === 'GET' && queued) {
      record.kind = queued[3] ? 'status' : 'result';
      if (!this.authorised(record, res)) return;
      const job = this.jobs.get(queued[2]!);
      if (!job || job.modelId.split('/').slice(0, 2).join('/') !== queued[1]) {
        return this.sendJson(res, 404, { detail: 'Request not found' });
      }
      record.modelId = job.modelId;
      return queued[3] ? this.status(res, job, queued[1]!) : this.result(res, job);
    }
    if (
      record.method !== 'POST' ||
      record.path.includes('/requests/') ||
      record.path.split('/').length < 3
    ) {
      return this.sendJson(res, 405, { detail: 'Method Not Allowed' });
    }
    record.kind = 'submit';
    if (!this.authorised(record, res)) return;
    const modelId = record.path.slice(1);
    record.modelId = modelId;
    const problem = this.validate(record);
    if (problem) {
      return this.sendJson(res, 422, {
        detail: [{ loc: ['body', 'prompt'], msg: problem, type: 'value_error' }],
      });
    }
    await this.submit(res, this.scenario.plan(modelId));
  }

  private authorised(record: RecordedRequest, res: ServerResponse): boolean {
    if (record.headers.authorization === `Key ${this.apiKey}`) return true;
    this.sendJson(res, 401, { detail: 'Invalid Key Authorization header format.' });
    return false;
  }

  private validate(record: RecordedRequest): string | undefined {
    const json = parseJson(record) as Record<string, unknown> | undefined;
    if (!json || typeof json !== 'object') return 'Input should be a valid dictionary';
    if (typeof json.prompt !== 'string' || json.prompt === '') return 'Field required';
    const urls = json.image_urls;
    if (
      urls !== undefined &&
      (!Array.isArray(urls) ||
        urls.some((u) => typeof u !== 'string' || !/^(data:image\/|https?:)/.test(u)))
    ) {
      return 'image_urls must be a list of URLs or data URIs';
    }
    return undefined;
  }

  private urls(app: string, id: string) {
    const base = `${this.baseUrl}/${app}/requests/${id}`;
    return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
  }

  private async submit(res: ServerResponse, plan: FakePlan): Promise<void> {
    const b = plan.behaviour;
    const timing = { latencyMs: plan.ttfbMs ?? 0 };
    if (SUBMIT_FAILURES.has(b.kind)) {
      const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
        this.respond(res, plan, { status, headers, body: JSON.stringify(body) }, timing);
      if (b.kind === 'server_error')
        return answer(b.status ?? 500, { detail: 'Internal Server Error' });
      if (b.kind === 'rate_limited') {
        return answer(
          429,
          { detail: 'Rate limit exceeded' },
          { 'retry-after': b.retryAfter ?? '7' },
        );
      }
      if (b.kind === 'bad_request') {
        return answer(422, {
          detail: [{ loc: ['body'], msg: b.message ?? 'Invalid input', type: 'value_error' }],
        });
      }
      if (b.kind === 'malformed_json') {
        return this.respond(res, plan, { status: 200, body: MALFORMED_JSON }, timing);
      }
      return; // hang
    }
    const job = newJob(this.nextId('req-'), plan);
    this.jobs.set(job.id, job);
    const app = plan.modelId.split('/').slice(0, 2).join('/');
    setTimeout(() => {
      if (res.destroyed) return;
      job.answeredAt = performance.now();
      this.sendJson(res, 200, { request_id: job.id, ...this.urls(app, job.id), queue_position: 0 });
    }, timing.latencyMs);
  }

  private status(res: ServerResponse, job: FakeJob, app: string) {
    job.polls++;
    const urls = this.urls(app, job.id);
    if (!jobFinished(job)) {
      const status = job.polls === 1 ? 'IN_QUEUE' : 'IN_PROGRESS';
      return this.sendJson(res, 202, {
        status,
        request_id: job.id,
        ...urls,
        ...(status === 'IN_QUEUE' ? { queue_position: 0 } : { logs: null }),
      });
    }
    if (job.finishedSeenAt === undefined) {
      job.finishedSeenAt = performance.now();
      this.recordLatency(job.plan, job.finishedSeenAt - job.submittedAt, producedTtfb(job), job.id);
    }
    this.sendJson(res, 200, {
      status: 'COMPLETED',
      request_id: job.id,
      ...urls,
      logs: null,
      metrics: { inference_time: job.plan.latencyMs / 1000 },
    });
  }

  private async result(res: ServerResponse, job: FakeJob) {
    if (!jobFinished(job))
      return this.sendJson(res, 400, { detail: 'Request is still in progress' });
    const b = job.plan.behaviour;
    if (b.kind === 'content_policy' && b.stage !== 'output') {
      return this.sendJson(res, 422, {
        detail: [
          {
            loc: ['body', 'prompt'],
            msg:
              b.reason ??
              'The content could not be processed because it contained material flagged by a content checker.',
            type: 'content_policy_violation',
          },
        ],
      });
    }
    if (b.kind === 'no_image') return this.sendJson(res, 200, { images: [], seed: 1 });
    job.imageUrl ??= await this.imageUrlFor(b);
    this.sendJson(res, 200, {
      images: [{ url: job.imageUrl, content_type: 'image/png', width: 64, height: 64 }],
      seed: 1,
      has_nsfw_concepts: [b.kind === 'content_policy'],
      prompt: '',
    });
  }
}

export function startFakeFalServer(
  options?: ConstructorParameters<typeof FakeFalServer>[0],
): Promise<FakeFalServer> {
  return new FakeFalServer(options).start();
}
