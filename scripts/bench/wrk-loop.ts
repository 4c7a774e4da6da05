/**
 * Load from wrk (C, epoll) replaying a list of prepared requests, each with its own path,
 * cookie and body: the load generator costs the machine about what pgbench's clients cost it,
 * so that on two cores the API is not also paying for a Node client beside it. Request i goes
 * out on keep-alive connection i % `connections`, in list order.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuSeconds } from './load';

export interface PreparedRequest {
  method: 'POST' | 'GET';
  path: string;
  cookie: string;
  body: string;
}

export interface WrkResult {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The server process's CPU time per request (user + system). */
  cpuMs: number;
}

/** Whether wrk is installed (Debian's `wrk`). */
export function wrkAvailable(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

// One wrk thread per connection, each replaying its own lane of the list: request i goes
// out on connection i % connections, so each of a voter's requests travels on one connection,
// one at a time, as each pgbench client keeps to one voter. Requests are formatted once, at
// start-up; a lane that runs out starts over (repeated votes then fail the run).
const SCRIPT = `
local lanes = 0
function setup(thread)
  thread:set("lane", lanes)
  lanes = lanes + 1
end
local list, pos = {}, 0
function init(args)
  local connections, i = tonumber(args[2]), 0
  for line in io.lines(args[1]) do
    if i % connections == lane then
      local method, path, cookie, body = line:match("^(%S+)\\t(%S+)\\t(%S+)\\t(.*)$")
      list[#list + 1] = wrk.format(method, path,
        { ["Cookie"] = cookie, ["Content-Type"] = "application/json" }, body)
    end
    i = i + 1
  end
end
function request()
  pos = pos + 1
  if pos > #list then pos = 1 end
  return list[pos]
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nRESULT {"requests":%d,"us":%d,"non2xx":%d,"errors":%d,"p50":%d,"p99":%d}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`;

/**
 * Sends `requests` (repeating none: a list shorter than the run fails it) for `seconds` over
 * `connections` connections; fails on any non-2xx response or socket error.
 */
export function wrkLoop(options: {
  url: string;
  requests: PreparedRequest[];
  connections: number;
  seconds: number;
  serverPid: number;
  /** The server's JSON log, to say which requests failed when some did. */
  serverLog?: string;
}): WrkResult {
  const dir = mkdtempSync(join(tmpdir(), 'arena-wrk-'));
  try {
    const listFile = join(dir, 'requests.tsv');
    const scriptFile = join(dir, 'replay.lua');
    writeFileSync(
      listFile,
      options.requests.map((r) => `${r.method}\t${r.path}\t${r.cookie}\t${r.body}`).join('\n'),
    );
    writeFileSync(scriptFile, SCRIPT);
    const cpuBefore = cpuSeconds(options.serverPid) ?? Number.NaN;
    const run = spawnSync(
      'wrk',
      [
        `-t${options.connections}`,
        `-c${options.connections}`,
        `-d${options.seconds}s`,
        '--timeout',
        '10s',
        '-s',
        scriptFile,
        options.url,
        '--',
        listFile,
        String(options.connections),
      ],
      { encoding: 'utf8' },
    );
    const cpu = (cpuSeconds(options.serverPid) ?? Number.NaN) - cpuBefore;
    const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (run.status !== 0 || !line) throw new Error(`wrk failed: ${run.stderr}${run.stdout}`);
    const result = JSON.parse(line.slice('RESULT '.length)) as Record<string, number>;
    if (result.non2xx! > 0 || result.errors! > 0) {
      throw new Error(
        `wrk: ${result.non2xx} non-2xx and ${result.errors} socket errors` +
          failedRequests(options.serverLog),
      );
    }
    if (result.requests! > options.requests.length) {
      throw new Error(`wrk sent ${result.requests} of a list of ${options.requests.length}`);
    }
    return {
      perSecond: result.requests! / (result.us! / 1e6),
      p50Ms: result.p50! / 1000,
      p99Ms: result.p99! / 1000,
      cpuMs: (1000 * cpu) / result.requests!,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The refused or failed requests the server logged (status 400 and up), counted by kind. */
function failedRequests(logFile: string | undefined): string {
  if (!logFile) return '';
  const kinds = new Map<string, number>();
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as {
        status?: number;
        route?: string;
        msg?: string;
        err?: { message?: string };
      };
      if (entry.status === undefined || entry.status < 400) continue;
      const kind = `${entry.status} ${entry.route ?? ''} ${entry.err?.message ?? entry.msg ?? ''}`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    } catch {
      // Not a log entry.
    }
  }
  return kinds.size === 0
    ? ''
    : `; the server logged: ${[...kinds].map(([k, n]) => `${n} x ${k}`).join('; ')}`;
}
