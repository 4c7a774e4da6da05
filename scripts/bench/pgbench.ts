/**
 * pgbench as the peer of a database-bound endpoint: the endpoint's own statements, rendered
 * from the same query builders, each parameter a pgbench variable, run prepared.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { percentile } from './harness';

const run = promisify(execFile);
const dialect = new PgDialect();

/** Stand-ins for the values that change per request; each becomes a pgbench variable. */
export const VARS = {
  voter: '00000000-0000-4000-8000-0000000000a1',
  battle: '00000000-0000-4000-8000-0000000000b1',
  challenge: '00000000-0000-4000-8000-0000000000c1',
  lgen: '00000000-0000-4000-8000-0000000000d1',
  rgen: '00000000-0000-4000-8000-0000000000d2',
  ltok: 'bench-left-token-stand-in',
  rtok: 'bench-right-token-stand-in',
  now: '2001-02-03T04:05:06.789Z',
  expires: '2001-02-03T04:35:06.789Z',
  known: 'bench-known-latest-stand-in',
} as const;

/**
 * A statement as pgbench runs it: every parameter a variable, the per-request ones named as
 * in VARS (set by the script's first line), the constant ones defined with `-D`.
 */
export function forPgbench(query: SQL, defines: Map<string, string>): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const byValue = new Map(Object.entries(VARS).map(([name, value]) => [value, name]));
  let out = text;
  for (let i = params.length; i >= 1; i -= 1) {
    const value = params[i - 1];
    // pgbench has no null variable: a null parameter is written as the literal.
    if (value === null) {
      out = out.replaceAll(`$${i}`, 'null');
      continue;
    }
    let name = byValue.get(String(value) as never);
    if (!name) {
      name = `p${defines.size + 1}`;
      defines.set(name, String(value));
    }
    out = out.replaceAll(`$${i}`, `:${name}`);
  }
  return `${out.replace(/\s+/g, ' ').trim()};`;
}

// No colon may appear in a script's text but a variable's (pgbench reads `:MI` as one).
export const nowSql = `clock_timestamp()::text`;

export async function pgbench(
  url: string,
  script: string,
  defines: Map<string, string>,
  /** For `seconds`, or `transactions` per client (a fixed amount of work). */
  options: { connections: number; seconds?: number; transactions?: number },
) {
  const dir = await mkdtemp(join(tmpdir(), 'arena-pgbench-'));
  try {
    await writeFile(join(dir, 'script.sql'), script);
    if (process.env.BENCH_DEBUG) await writeFile('/tmp/last-pgbench.sql', script);
    const { hostname, port, username, pathname } = new URL(url);
    const args = ['-h', hostname, '-p', port || '5432', '-U', username || 'postgres', '-n'];
    args.push('-c', String(options.connections), '-j', '2', '-M', 'prepared', '-r');
    // A line per transaction (its latency in µs, third field): the peer's percentiles.
    args.push('-l', `--log-prefix=${join(dir, 'tx')}`);
    if (options.transactions) args.push('-t', String(options.transactions));
    else args.push('-T', String(options.seconds ?? 8));
    for (const [name, value] of defines) args.push('-D', `${name}=${value}`);
    args.push('-f', join(dir, 'script.sql'), pathname.slice(1));
    const { stdout } = await run('pgbench', args, { maxBuffer: 1 << 24 });
    if (process.env.BENCH_DEBUG) await writeFile(`/tmp/last-pgbench-${Date.now()}.txt`, stdout);
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
    const latency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
    const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
    if (!Number.isFinite(tps) || failed > 0) throw new Error(`pgbench failed:\n${stdout}`);
    const latenciesMs: number[] = [];
    for (const file of (await readdir(dir)).filter((name) => name.startsWith('tx.'))) {
      for (const line of (await readFile(join(dir, file), 'utf8')).split('\n')) {
        const micros = Number(line.split(' ')[2]);
        if (line && Number.isFinite(micros)) latenciesMs.push(micros / 1000);
      }
    }
    return {
      perSecond: tps,
      meanMs: latency,
      p50Ms: percentile(latenciesMs, 0.5),
      p99Ms: percentile(latenciesMs, 0.99),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
