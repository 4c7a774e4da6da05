/**
 * The compiled API as `pnpm start` runs it (embedded: PGlite under DATA_DIR, in-process jobs,
 * the offline demo provider), started as a child on a free loopback port with a fresh data
 * folder, waited for until the demo catalog's challenges are open, stopped with SIGTERM, and
 * its stored votes read back from the data folder afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, rawRows } from '@arena/db';
import { freePort } from '@arena/testing';
import { API_ENTRY, ROOT } from './spawn-api';
import { sql } from 'drizzle-orm';

export interface EmbeddedServer {
  port: number;
  dataDir: string;
  logFile: string;
  child: ChildProcess;
  /** SIGTERM, then waits for the exit (SIGKILL after 30 s); the exit code or signal. */
  stop(): Promise<string>;
}

export async function startEmbedded(options: {
  env?: Record<string, string>;
  nodeArgs?: string[];
}): Promise<EmbeddedServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'arena-embedded-'));
  const port = await freePort();
  const logFile = join(dataDir, 'server.log');
  const log = openSync(logFile, 'a');
  // Only what `pnpm start` with no environment leaves to defaults, plus where and how to listen.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    ...options.env,
  };
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), API_ENTRY], {
    cwd: ROOT,
    env,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? String(code))),
  );
  return {
    port,
    dataDir,
    logFile,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/**
 * CPU seconds used so far by a process (`total`, exited threads included) and by each kind of
 * live thread (Linux: /proc/PID/task/*), by name: `main`, other Node threads (`node (worker)`:
 * the database thread, V8's and libuv's), `libvips worker` (sharp). Empty elsewhere.
 */
export async function threadCpu(pid: number): Promise<Record<string, number>> {
  const read = (path: string) => readFile(path, 'utf8').catch(() => '');
  const out: Record<string, number> = { total: seconds(await read(`/proc/${pid}/stat`)) };
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  for (const task of tasks) {
    const stat = await read(`/proc/${pid}/task/${task}/stat`);
    const close = stat.lastIndexOf(')');
    if (close < 0) continue;
    const comm = stat
      .slice(stat.indexOf('(') + 1, close)
      .replace(/[\d-]+$/, '')
      .trim();
    const name = task === String(pid) ? 'main' : comm === 'node' ? 'node (worker)' : comm;
    out[name] = (out[name] ?? 0) + seconds(stat);
  }
  return out;
}

/** The process's peak resident memory in MiB (Linux: VmHWM), or undefined elsewhere. */
export async function peakRssMiB(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kib ? Math.round(Number(kib) / 1024) : undefined;
}

/** utime + stime of a /proc stat line, in seconds (a process's count its exited threads too). */
function seconds(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100 || 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Until the API answers and no challenge of the seeded catalog is still a draft or
 * generating (the first start seeds and launches them with the demo provider).
 */
export async function waitUntilOpen(server: EmbeddedServer, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  const base = `http://127.0.0.1:${server.port}`;
  let last = 'not answering';
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`the server exited; see ${server.logFile}`);
    try {
      const res = await fetch(`${base}/api/challenges`, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) {
        const { challenges } = (await res.json()) as { challenges: { status: string }[] };
        const pending = challenges.filter((c) => c.status === 'draft' || c.status === 'generating');
        const voting = challenges.filter((c) => c.status === 'voting').length;
        if (challenges.length > 0 && pending.length === 0 && voting > 0) return { voting };
        last = `${pending.length} of ${challenges.length} challenges not open yet`;
      }
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(1_000);
  }
  throw new Error(`the demo catalog did not open in time (${last}); see ${server.logFile}`);
}

/** The battle ids of every stored vote, read from the stopped server's PGlite folder. */
export async function storedVoteBattles(dataDir: string): Promise<Set<string>> {
  const handle = await openDatabase({ driver: 'pglite', dataDir: join(dataDir, 'pglite') });
  try {
    const rows = rawRows<{ battle_id: string }>(
      await handle.db.execute(sql`select battle_id from votes`),
    );
    return new Set(rows.map((row) => row.battle_id));
  } finally {
    await handle.close();
  }
}
