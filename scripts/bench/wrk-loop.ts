/**
 * Load from wrk (C, epoll, one thread) replaying a list of prepared requests, each with its own
 * path, cookie and body: the load generator costs the machine about what pgbench's clients
 * cost it, so that on two cores the API is not also paying for a Node client beside it.
 * Requests go out in list order over `connections` keep-alive connections.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

// Requests are formatted once, at start-up; `request()` hands them out in order and counts
// how often the list wrapped (a wrapped list would repeat votes: the run then fails).
const SCRIPT = `
local list, pos, wrapped = {}, 0, 0
function init(args)
  for line in io.lines(args[1]) do
    local method, path, cookie, body = line:match("^(%S+)\\t(%S+)\\t(%S+)\\t(.*)$")
    list[#list + 1] = wrk.format(method, path,
      { ["Cookie"] = cookie, ["Content-Type"] = "application/json" }, body)
  end
end
function request()
  pos = pos + 1
  if pos > #list then pos, wrapped = 1, wrapped + 1 end
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
        '-t1',
        `-c${options.connections}`,
        `-d${options.seconds}s`,
        '--timeout',
        '10s',
        '-s',
        scriptFile,
        options.url,
        '--',
        listFile,
      ],
      { encoding: 'utf8' },
    );
    const cpu = (cpuSeconds(options.serverPid) ?? Number.NaN) - cpuBefore;
    const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (run.status !== 0 || !line) throw new Error(`wrk failed: ${run.stderr}${run.stdout}`);
    const result = JSON.parse(line.slice('RESULT '.length)) as Record<string, number>;
    if (result.non2xx! > 0 || result.errors! > 0) {
      throw new Error(`wrk: ${result.non2xx} non-2xx and ${result.errors} socket errors`);
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
