import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SOURCE_NODE_ARGS, waitFor } from '@arena/testing';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  /** SIGKILL: no graceful shutdown, jobs are left mid-flight. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  /** Waits for the worker's 'worker started' line (LOG_LEVEL info) and returns its id. */
  started(timeoutMs?: number): Promise<string>;
  /** Its log lines at error level or above. */
  errors(): string[];
}

/** Starts `apps/worker` as its own process, as production runs it. */
export function startWorkerProcess(
  env: Record<string, string>,
  entry = 'apps/worker/src/main.ts',
): WorkerProcess {
  const child = spawn(process.execPath, [...SOURCE_NODE_ARGS, entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    exited,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async started(timeoutMs = 60_000) {
      const line = () => logLines(output).find((entry) => entry.msg === 'worker started');
      await waitFor(() => Boolean(line()) || child.exitCode !== null, timeoutMs, 'worker start');
      if (!line()) throw new Error(`the worker did not start:\n${output}`);
      return String(line()!.workerId);
    },
    errors: () =>
      logLines(output)
        .filter((entry) => Number(entry.level) >= 50)
        .map((entry) => JSON.stringify(entry)),
  };
}

function logLines(output: string): Array<Record<string, unknown>> {
  const entries: Array<Record<string, unknown>> = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      entries.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // The line is still being written.
    }
  }
  return entries;
}
