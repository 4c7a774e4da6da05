/**
 * The HTTP layer against a bare `node:http` server, both as child processes, loaded from this
 * process by autocannon (32 connections) after a warm-up, alternating rounds:
 *
 * - the cheapest JSON route, `GET /healthz` (the liveness probe: no database, logged at debug
 *   level as probes are), against a peer answering the same bytes;
 * - `GET /api/openapi.json`, the one /api JSON answer made without the database (the contract
 *   as an OpenAPI document, built once), likewise, for information;
 * - `GET /api/health` against a bare server running the same `select 1` through postgres.js.
 *
 * The API is the compiled one in production mode (Postgres, Redis, `NODE_ENV=production`),
 * logging as in production (LOG_LEVEL=info: one line per request, to a file), RATE_LIMIT=off.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  deleteQueueKeys,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
} from '@arena/testing';
import { alternate, median, type BenchResult } from './harness';
import { load, type LoadResult } from './load';
import { startApi, startServer, type ServerProcess } from './spawn-api';

export interface HttpBenchOptions {
  rounds: number;
  /** Seconds of load per round (4 by default). */
  durationSeconds?: number;
  connections?: number;
}

/** The cheapest JSON route: the liveness probe, no database (probes log at debug level). */
export const CHEAPEST_JSON_PATH = '/healthz';
/** The one /api JSON answer made without the database: the contract as an OpenAPI document. */
const OPENAPI_PATH = '/api/openapi.json';
const HEALTH_PATH = '/api/health';
const PEER_ENTRY = 'scripts/bench/peer-server.ts';

/** A bare node:http peer (peer-server.ts) of the given kind. */
export function startPeer(kind: string, ...args: string[]): Promise<ServerProcess> {
  return startServer({
    args: ['--import', 'tsx', PEER_ENTRY, kind, ...args],
    env: { NODE_ENV: 'production' },
    ready: 'listening on',
  });
}

/** Rows of req/s (ours against the peer, alternated) with p99 latency as an extra. */
export async function compareLoad(options: {
  id: string;
  path: string;
  ours: { url: string; pid?: number };
  peer: { name: string; url: string; pid?: number };
  rounds: number;
  durationSeconds: number;
  connections: number;
  headers?: Record<string, string>;
  /** Ratio to reach, and how the table says it; none for a row that only informs. */
  target?: number;
  targetText?: string;
}): Promise<BenchResult> {
  const run = (target: { url: string; pid?: number }, durationSeconds = options.durationSeconds) =>
    load(target.url, {
      durationSeconds,
      connections: options.connections,
      headers: options.headers,
      pid: target.pid,
    });
  // Warm-up: the JIT, the connection pools, the caches.
  await run(options.ours, 1);
  await run(options.peer, 1);
  const results = await alternate<LoadResult>(
    options.rounds,
    () => run(options.ours),
    () => run(options.peer),
  );
  const cpu = (rows: LoadResult[]) => median(rows.map((r) => r.cpuUsPerRequest ?? Number.NaN));
  const ours = results.ours.map((r) => r.rps);
  const peer = results.peer.map((r) => r.rps);
  const { target, targetText } = options;
  return {
    id: options.id,
    path: options.path,
    unit: 'req/s',
    better: 'higher',
    ours,
    peer: { name: options.peer.name, values: peer },
    extra: {
      'p99 ms': median(results.ours.map((r) => r.p99Ms)),
      'peer p99 ms': median(results.peer.map((r) => r.p99Ms)),
      'CPU µs/req': cpu(results.ours),
      'peer CPU µs/req': cpu(results.peer),
    },
    target:
      target === undefined
        ? undefined
        : { text: targetText ?? `>= ${target}`, met: median(ours) / median(peer) >= target },
  };
}

export async function benchHttpJson(opts: HttpBenchOptions): Promise<BenchResult[]> {
  const durationSeconds = opts.durationSeconds ?? 4;
  const connections = opts.connections ?? 32;
  const database = await createTestDatabase();
  const prefix = uniqueQueuePrefix();
  const dataDir = await mkdtemp(join(tmpdir(), 'arena-bench-http-'));
  const servers: ServerProcess[] = [];
  try {
    const api = await startApi({
      env: {
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        DATA_DIR: dataDir,
        SESSION_SECRET: 'bench-session-secret-0123456789abcdefghijkl',
        RATE_LIMIT: 'off',
        SEED_CATALOG: 'false',
      },
    });
    servers.push(api);
    const common = { rounds: opts.rounds, durationSeconds, connections };
    /** Ours against a bare node:http server answering the bytes ours answers at `path`. */
    const sameBytes = async (
      id: string,
      path: string,
      target?: { target: number; targetText: string },
    ) => {
      const reply = await fetch(`${api.url}${path}`);
      if (!reply.ok) throw new Error(`${path} answered ${reply.status}`);
      const body = await reply.text();
      const bodyFile = join(dataDir, `${id}.json`);
      await writeFile(bodyFile, body);
      const peer = await startPeer('json', path, bodyFile);
      servers.push(peer);
      const size =
        body.length < 1024 ? `${body.length} B` : `${(body.length / 1024).toFixed(0)} KiB`;
      return compareLoad({
        ...common,
        ...target,
        id,
        path: `GET ${path} (no database; ${size})`,
        ours: { url: `${api.url}${path}`, pid: api.child.pid },
        peer: { name: 'node:http, same bytes', url: `${peer.url}${path}`, pid: peer.child.pid },
      });
    };
    const cheap = await sameBytes('http.cheapest-json', CHEAPEST_JSON_PATH, {
      target: 0.55,
      targetText: '>= 0.55 of bare node:http',
    });
    const openApi = await sameBytes('http.openapi', OPENAPI_PATH);
    const healthPeer = await startPeer('select1', database.url);
    servers.push(healthPeer);

    const health = await compareLoad({
      ...common,
      id: 'http.health',
      path: `GET ${HEALTH_PATH} (select 1)`,
      ours: { url: `${api.url}${HEALTH_PATH}`, pid: api.child.pid },
      peer: {
        name: 'node:http + postgres.js select 1',
        url: `${healthPeer.url}${HEALTH_PATH}`,
        pid: healthPeer.child.pid,
      },
      target: 0.55,
      targetText: '>= 0.55 of bare node:http with the same select 1',
    });
    return [cheap, openApi, health];
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await deleteQueueKeys(prefix);
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
