/**
 * A small HTTP/1.1 client for load runs: node:http with a keep-alive agent per simulated
 * browser, every request under a client timeout covering the whole response, and per-route
 * counts (status, timeouts, transport errors) and latencies.
 */
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { percentile } from './harness';

export interface Reply {
  /** The HTTP status, or `timeout`, or `error CODE` when the connection failed. */
  status: number | 'timeout' | `error ${string}`;
  headers: IncomingHttpHeaders;
  body: Buffer;
  ms: number;
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  json?: unknown;
}

/** A browser opens at most six connections to one host, and keeps them open. */
export const browserAgent = () => new Agent({ keepAlive: true, maxSockets: 6 });

/**
 * One request and its whole response, under `timeoutMs`. A request that fails on a reused
 * keep-alive connection before any answer (the server closed it as it was picked: a race
 * every HTTP client has) is sent again once on a fresh one, as browsers do.
 */
export async function send(
  port: number,
  agent: Agent,
  spec: RequestSpec,
  timeoutMs: number,
): Promise<Reply> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  let reply = await attempt(port, agent, spec, signal);
  if (reply.retry) reply = await attempt(port, agent, spec, signal);
  return { ...reply, ms: performance.now() - started };
}

function attempt(
  port: number,
  agent: Agent,
  spec: RequestSpec,
  signal: AbortSignal,
): Promise<Omit<Reply, 'ms'> & { retry?: boolean }> {
  const body = spec.json === undefined ? undefined : Buffer.from(JSON.stringify(spec.json));
  const headers: Record<string, string> = { ...spec.headers };
  if (body) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(body.length);
  }
  return new Promise((resolve) => {
    const failed = (error: Error & { code?: string }, answered: boolean) =>
      resolve({
        status: isAbort(error) ? 'timeout' : `error ${error.code ?? error.message}`,
        headers: {},
        body: Buffer.alloc(0),
        retry: !answered && req.reusedSocket && !isAbort(error),
      });
    const req = request(
      { host: '127.0.0.1', port, method: spec.method, path: spec.path, headers, agent, signal },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', (error) => failed(error, true));
      },
    );
    req.on('error', (error) => failed(error, false));
    req.end(body);
  });
}

const isAbort = (error: Error) =>
  error.name === 'AbortError' || error.name === 'TimeoutError' || /abort/i.test(error.message);

export interface RouteStats {
  statuses: Record<string, number>;
  ms: number[];
}

/** Counts by route name: each status (or `timeout`/`error`) and every latency. */
export class Tally {
  readonly routes = new Map<string, RouteStats>();

  record(route: string, reply: Reply): void {
    let stats = this.routes.get(route);
    if (!stats) this.routes.set(route, (stats = { statuses: {}, ms: [] }));
    const key = String(reply.status);
    stats.statuses[key] = (stats.statuses[key] ?? 0) + 1;
    stats.ms.push(reply.ms);
  }

  count(predicate: (status: string) => boolean): number {
    let total = 0;
    for (const stats of this.routes.values()) {
      for (const [status, n] of Object.entries(stats.statuses)) if (predicate(status)) total += n;
    }
    return total;
  }

  get timeouts() {
    return this.count((status) => status === 'timeout');
  }

  get serverErrors() {
    return this.count((status) => /^5\d\d$/.test(status));
  }

  get transportErrors() {
    return this.count((status) => status.startsWith('error'));
  }

  summary() {
    return Object.fromEntries(
      [...this.routes].map(([route, stats]) => [
        route,
        {
          requests: stats.ms.length,
          statuses: stats.statuses,
          p50Ms: Math.round(percentile(stats.ms, 0.5)),
          p99Ms: Math.round(percentile(stats.ms, 0.99)),
          maxMs: Math.round(Math.max(...stats.ms)),
        },
      ]),
    );
  }
}
