/**
 * HTTP load from the benchmark's own process (autocannon): a fixed number of keep-alive
 * connections for a fixed time against one URL. Shared by the benchmarks over HTTP.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadOptions {
  connections?: number;
  durationSeconds?: number;
  headers?: Record<string, string>;
  /** The server's process id: its CPU time per response is measured too (Linux). */
  pid?: number;
}

export interface LoadResult {
  /** Successful (2xx) responses per second over the run. */
  rps: number;
  /** Latency percentiles in ms. */
  p50Ms: number;
  p99Ms: number;
  /** Responses that were not 2xx, and connection errors or timeouts. */
  non2xx: number;
  errors: number;
  /**
   * CPU time the server process spent per successful response, in microseconds (user and
   * system, all its threads): steadier than req/s on a machine that runs other work too.
   */
  cpuUsPerRequest?: number;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** CPU seconds a process has used so far (user + system), or undefined off Linux. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at the state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
  } catch {
    return undefined;
  }
}

/** Runs the load and refuses a run with failures: a fast error is no measurement. */
export async function load(url: string, options: LoadOptions = {}): Promise<LoadResult> {
  const cpuBefore = options.pid === undefined ? undefined : cpuSeconds(options.pid);
  const result = await autocannon({
    url,
    connections: options.connections ?? 32,
    duration: options.durationSeconds ?? 5,
    headers: options.headers,
  });
  const failures = result.non2xx + result.errors + result.timeouts;
  if (failures > 0) {
    throw new Error(
      `${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  const cpuAfter = options.pid === undefined ? undefined : cpuSeconds(options.pid);
  const cpuUsPerRequest =
    cpuBefore === undefined || cpuAfter === undefined || result['2xx'] === 0
      ? undefined
      : ((cpuAfter - cpuBefore) * 1e6) / result['2xx'];
  return {
    cpuUsPerRequest,
    rps: result['2xx'] / (result.duration || 1),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
