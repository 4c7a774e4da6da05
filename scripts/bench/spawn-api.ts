/**
 * Child processes for benchmarks that go over HTTP: the compiled API as production runs it
 * (`node apps/api/dist/main.js`, built first by turbo, cached when nothing changed) and any
 * other node server (the peers), each started with its own environment, awaited until it
 * listens and stopped with SIGTERM. Output goes to a file under the system's temporary folder,
 * as a production log would go to a file or a pipe, not into the benchmark's memory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@arena/testing';

/** The repository's root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const API_ENTRY = join(ROOT, 'apps/api/dist/main.js');

let built = false;

/** Builds the API and what it imports (turbo: a cache hit when nothing changed). */
export function ensureApiBuild(): void {
  if (built) return;
  const turbo = spawnSync(
    join(ROOT, 'node_modules/.bin/turbo'),
    ['run', 'build', '--filter=@arena/api...', '--filter=@arena/web', '--output-logs=errors-only'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    },
  );
  if (turbo.status !== 0) throw new Error(`building the API failed (turbo exited ${turbo.status})`);
  built = true;
}

export interface ServerProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  child: ChildProcess;
  /** The file holding the process's standard output and error. */
  logFile: string;
  /** Its output so far. */
  output(): string;
  /** SIGTERM, then the exit code (SIGKILL after `graceMs`); the output file is removed. */
  stop(graceMs?: number): Promise<number | null>;
}

export interface ServerOptions {
  /** Arguments to node: flags, then the entry and its arguments. */
  args: readonly string[];
  /** The whole environment of the process (PATH and HOME are added); PORT is set to the port. */
  env?: Record<string, string | undefined>;
  /** Text of the output that says the server listens. */
  ready: string | RegExp;
  timeoutMs?: number;
  cwd?: string;
  /** Port to listen on; a free one by default. */
  port?: number;
}

/** Starts `node ARGS` with PORT set, and resolves once its output says it listens. */
export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const dir = await mkdtemp(join(tmpdir(), 'arena-bench-'));
  const logFile = join(dir, 'output.log');
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd ?? ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...options.env,
      PORT: String(port),
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const output = () => readFileSync(logFile, 'utf8');
  const seen = () => {
    const text = output();
    return typeof options.ready === 'string'
      ? text.includes(options.ready)
      : options.ready.test(text);
  };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!seen()) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      const text = output();
      await rm(dir, { recursive: true, force: true });
      throw new Error(`node ${options.args.join(' ')} did not start:\n${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    logFile,
    output,
    async stop(graceMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
      return child.exitCode;
    },
  };
}

export interface ApiOptions {
  /** The API's environment (DATABASE_URL, REDIS_URL, QUEUE_PREFIX, RATE_LIMIT…). */
  env: Record<string, string | undefined>;
  /**
   * Node flags before the entry; by default `--cpu-prof` into BENCH_API_CPU_PROF when that
   * is set (a folder: one .cpuprofile per API process, written when it stops).
   */
  nodeArgs?: readonly string[];
  timeoutMs?: number;
}

/**
 * The compiled API as the production image runs it (`NODE_ENV=production`, source maps on)
 * with the given environment, listening on a free loopback port. BENCH_API_ENTRY names
 * another build's `apps/api/dist/main.js` to run instead (nothing is built then).
 */
export function startApi(options: ApiOptions): Promise<ServerProcess> {
  // Another build of the API (e.g. a clone at an earlier commit, built), to compare with.
  const entry = process.env.BENCH_API_ENTRY;
  if (!entry) ensureApiBuild();
  const profile = process.env.BENCH_API_CPU_PROF;
  const nodeArgs = options.nodeArgs ?? (profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []);
  return startServer({
    args: ['--enable-source-maps', ...nodeArgs, entry ?? API_ENTRY],
    env: { NODE_ENV: 'production', HOST: '127.0.0.1', ...options.env },
    ready: 'Arena is running at',
    timeoutMs: options.timeoutMs ?? 90_000,
  });
}
