import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SOURCE_NODE_ARGS } from '@arena/testing';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Runs `pnpm arena ...` as a child process, from source and collects its output. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...SOURCE_NODE_ARGS, 'apps/api/src/cli/main.ts', ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
