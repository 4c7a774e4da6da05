import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  DEFAULT_PRIVATE_IMAGE_URL,
  DEFAULT_REDIRECT_TARGET,
  NOT_AN_IMAGE,
  type FakeBehaviour,
  type FakeBehaviourKind,
} from './behaviour';
import { fakePng, noisePng } from './png';
import type { RecordedRequest } from './recorded';
import { FakeScenario, type FakePlan } from './scenario';

/** A latency the fake actually produced, next to the one it planned. */
export interface ProducedLatency {
  modelId: string;
  behaviour: FakeBehaviourKind;
  plannedMs: number;
  /** Sync APIs: arrival to end of answer. Jobs: submission to the poll that saw it finished. */
  producedMs: number;
  /** Sync APIs: arrival to the response headers. Jobs: the delay of the submission's answer. */
  ttfbMs: number;
  requestId?: string;
}

export interface FakeFile {
  bytes: Buffer;
  contentType: string;
  drip?: { chunkBytes: number; intervalMs: number };
}

export interface FakeServerOptions {
  /** The key the fake expects; default `fake-secret-key-0123456789`. */
  apiKey?: string;
  scenario?: FakeScenario;
}

export interface Timing {
  latencyMs: number;
  ttfbMs?: number | undefined;
}

export const DEFAULT_FAKE_KEY = 'fake-secret-key-0123456789';

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * A real HTTP server on 127.0.0.1 with a random port. It records each request, serves the
 * files it links to (`/files/:id`, `/redirect/:id`), and leaves the API itself to a subclass.
 */
export abstract class FakeProviderServer {
  readonly apiKey: string;
  readonly scenario: FakeScenario;
  readonly requests: RecordedRequest[] = [];
  readonly latencies: ProducedLatency[] = [];
  baseUrl = '';
  /** The request header that carries the key, lower case. */
  protected abstract readonly authHeader: string;
  private readonly server = http.createServer((req, res) => void this.dispatch(req, res));
  private readonly files = new Map<string, FakeFile>();
  private readonly redirects = new Map<string, string>();
  private counter = 0;

  constructor(options: FakeServerOptions = {}) {
    this.apiKey = options.apiKey ?? DEFAULT_FAKE_KEY;
    this.scenario = options.scenario ?? new FakeScenario();
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Forgets what was received and scripted, for the next test. */
  reset(): void {
    this.requests.length = 0;
    this.latencies.length = 0;
    this.scenario.reset();
  }

  requestsOf(kind: string): RecordedRequest[] {
    return this.requests.filter((r) => r.kind === kind);
  }

  /** Requests where the key showed up anywhere but its own header: should be none. */
  keyLeaks(): RecordedRequest[] {
    return this.requests.filter(
      (r) =>
        r.url.includes(this.apiKey) ||
        r.body.includes(this.apiKey) ||
        Object.entries(r.headers).some(
          ([name, value]) => name !== this.authHeader && String(value).includes(this.apiKey),
        ),
    );
  }

  protected abstract handle(request: RecordedRequest, res: ServerResponse): Promise<void>;

  protected nextId(prefix: string): string {
    this.counter++;
    return `${prefix}${this.counter.toString(36).padStart(6, '0')}`;
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', this.baseUrl);
    const record: RecordedRequest = {
      seq: this.requests.length + 1,
      kind: 'unknown',
      method: req.method ?? 'GET',
      path: url.pathname,
      url: `${url.pathname}${url.search}`,
      headers: req.headers,
      body,
      receivedAt: Date.now(),
    };
    this.requests.push(record);
    try {
      const file = /^\/files\/([\w-]+)$/.exec(url.pathname);
      const redirect = /^\/redirect\/([\w-]+)$/.exec(url.pathname);
      if (req.method === 'GET' && file) await this.serveFile(record, file[1]!, res);
      else if (req.method === 'GET' && redirect) this.serveRedirect(record, redirect[1]!, res);
      else await this.handle(record, res);
    } catch (error) {
      if (res.headersSent) res.destroy();
      else this.sendJson(res, 500, { error: `fake server bug: ${String(error)}` });
    }
  }

  private async serveFile(record: RecordedRequest, id: string, res: ServerResponse) {
    record.kind = 'file';
    const file = this.files.get(id);
    if (!file) return this.sendJson(res, 404, { error: 'no such file' });
    if (!file.drip) {
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length });
      res.end(file.bytes);
      return;
    }
    res.writeHead(200, { 'content-type': file.contentType });
    await this.drip(res, file.bytes, file.drip);
  }

  private serveRedirect(record: RecordedRequest, id: string, res: ServerResponse) {
    record.kind = 'redirect';
    const target = this.redirects.get(id);
    if (!target) return this.sendJson(res, 404, { error: 'no such redirect' });
    res.writeHead(302, { location: target, 'content-length': 0 });
    res.end();
  }

  protected async drip(
    res: ServerResponse,
    bytes: Buffer,
    drip: { chunkBytes: number; intervalMs: number },
  ): Promise<void> {
    for (let offset = 0; offset < bytes.length; offset += drip.chunkBytes) {
      if (res.destroyed) return;
      res.write(bytes.subarray(offset, offset + drip.chunkBytes));
      await delay(drip.intervalMs);
    }
    if (!res.destroyed) res.end();
  }

  protected sendJson(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }

  /**
   * Answers after the planned time to first byte and latency (`hang` never answers), and
   * records the latency produced.
   */
  protected async respond(
    res: ServerResponse,
    plan: FakePlan,
    answer: {
      status: number;
      body: Buffer | string;
      headers?: Record<string, string>;
      /** Trickle the body out (the `slow_body` behaviour when the image is inline). */
      drip?: { chunkBytes: number; intervalMs: number };
    },
    timing: Timing = plan,
  ): Promise<void> {
    if (plan.behaviour.kind === 'hang') return;
    const started = performance.now();
    const bytes = Buffer.isBuffer(answer.body) ? answer.body : Buffer.from(answer.body);
    const ttfb = Math.min(timing.ttfbMs ?? timing.latencyMs, timing.latencyMs);
    await delay(ttfb);
    if (res.destroyed) return;
    const slow = answer.drip;
    res.writeHead(answer.status, {
      'content-type': 'application/json',
      ...(slow ? {} : { 'content-length': String(bytes.length) }),
      ...answer.headers,
    });
    res.flushHeaders();
    const headersAt = performance.now();
    await delay(timing.latencyMs - ttfb);
    if (slow) await this.drip(res, bytes, slow);
    else if (!res.destroyed) res.end(bytes);
    this.recordLatency(plan, performance.now() - started, headersAt - started);
  }

  protected recordLatency(plan: FakePlan, producedMs: number, ttfbMs: number, requestId?: string) {
    this.latencies.push({
      modelId: plan.modelId,
      behaviour: plan.behaviour.kind,
      plannedMs: plan.latencyMs,
      producedMs,
      ttfbMs,
      ...(requestId ? { requestId } : {}),
    });
  }

  /** The image bytes a behaviour calls for (success, oversized, not an image, slow). */
  protected async imageFor(behaviour: FakeBehaviour, seed = 0): Promise<FakeFile> {
    if (behaviour.kind === 'oversized_image') {
      return { bytes: await noisePng(behaviour.bytes ?? 1024 * 1024), contentType: 'image/png' };
    }
    if (behaviour.kind === 'not_image') return { bytes: NOT_AN_IMAGE, contentType: 'image/png' };
    const bytes = await fakePng(seed);
    if (behaviour.kind === 'slow_body') {
      return { bytes, contentType: 'image/png', drip: dripOf(behaviour) };
    }
    return { bytes, contentType: 'image/png' };
  }

  /** A URL for the image a behaviour calls for: served here, elsewhere, or via a redirect. */
  protected async imageUrlFor(behaviour: FakeBehaviour, seed = 0): Promise<string> {
    if (behaviour.kind === 'private_image_url') return behaviour.url ?? DEFAULT_PRIVATE_IMAGE_URL;
    if (behaviour.kind === 'redirect_to_private') {
      const id = this.nextId('r');
      this.redirects.set(id, behaviour.target ?? DEFAULT_REDIRECT_TARGET);
      return `${this.baseUrl}/redirect/${id}`;
    }
    const id = this.nextId('f');
    this.files.set(id, await this.imageFor(behaviour, seed));
    return `${this.baseUrl}/files/${id}`;
  }

  /** Serves `bytes` at a new `/files/:id` URL. */
  protected hostFile(bytes: Buffer, contentType: string): string {
    const id = this.nextId('f');
    this.files.set(id, { bytes, contentType });
    return `${this.baseUrl}/files/${id}`;
  }
}

export function dripOf(behaviour: FakeBehaviour): { chunkBytes: number; intervalMs: number } {
  return behaviour.kind === 'slow_body'
    ? { chunkBytes: behaviour.chunkBytes ?? 16, intervalMs: behaviour.intervalMs ?? 50 }
    : { chunkBytes: 1 << 30, intervalMs: 0 };
}

/** A body that is not valid JSON, sent as JSON. */
export const MALFORMED_JSON = '{"data": [{"b64_json": "iVBORw0KGgo';
