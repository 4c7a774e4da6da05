import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** GNU time: the kernel's own peak RSS of the child (wait4's ru_maxrss), however briefly held. */
const GNU_TIME = '/usr/bin/time';
const POLL_MS = 10;

export interface ChildRun {
  /** Spawn to exit, seconds. */
  wallS: number;
  /** Peak resident set of the child, MB; NaN when it could not be measured. */
  peakRssMb: number;
  /** How the peak was measured: `wait4` (exact) or `proc-poll` (a lower bound). */
  rssMethod: 'wait4' | 'proc-poll' | 'none';
  stdout: string;
  stderr: string;
}

/** VmHWM of a live process, in kB, or undefined once it has gone. */
async function highWaterKb(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs a command to completion and measures it end to end, as a user would wait for it:
 * wall time from spawn to exit and the child's peak RSS. Under GNU time the peak is exact
 * (time's own ~2 MB is not counted: it reports its child); without it, /proc is polled every
 * 10 ms, which can miss a peak held for less than that. Throws when the command fails.
 */
export async function runChild(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<ChildRun> {
  const useTime = existsSync(GNU_TIME);
  const dir = useTime ? await mkdtemp(join(tmpdir(), 'arena-child-run-')) : undefined;
  const rssFile = dir ? join(dir, 'rss') : undefined;
  const started = performance.now();
  const spawnOptions = { cwd: options.cwd, env: options.env ?? process.env };
  const child = rssFile
    ? spawn(GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args], spawnOptions)
    : spawn(command, args, spawnOptions);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let polledKb = 0;
  const poll = rssFile
    ? undefined
    : setInterval(async () => {
        const kb = child.pid === undefined ? undefined : await highWaterKb(child.pid);
        if (kb !== undefined) polledKb = Math.max(polledKb, kb);
      }, POLL_MS);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    const wallS = (performance.now() - started) / 1000;
    if (code !== 0) {
      throw new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.slice(-2000)}`);
    }
    if (rssFile) {
      const kb = Number((await readFile(rssFile, 'utf8')).trim().split('\n').at(-1));
      return { wallS, peakRssMb: kb / 1024, rssMethod: 'wait4', stdout, stderr };
    }
    return {
      wallS,
      peakRssMb: polledKb > 0 ? polledKb / 1024 : Number.NaN,
      rssMethod: polledKb > 0 ? 'proc-poll' : 'none',
      stdout,
      stderr,
    };
  } finally {
    if (poll) clearInterval(poll);
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
