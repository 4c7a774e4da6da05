import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, REPO_ROOT, SOURCE_NODE_ARGS } from '@arena/testing';
import { chromium, type Browser } from 'playwright-core';

/** The repository root: the server runs from there, as `pnpm start` runs it. */
export const ROOT = REPO_ROOT;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface EmbeddedArena {
  baseUrl: string;
  dataDir: string;
  /** The environment the server runs with, for CLI commands against the same data folder. */
  env: NodeJS.ProcessEnv;
  /** Starts the server (PGlite allows one process: run CLI commands before, not during). */
  start(extraEnv?: NodeJS.ProcessEnv): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The product as a visitor meets it: `apps/api` started the way `pnpm start` starts it
 * (embedded: PGlite, in-process jobs, demo provider, the built web UI) in a fresh data folder.
 */
export async function embeddedArena(name: string): Promise<EmbeddedArena> {
  const dataDir = await mkdtemp(join(tmpdir(), `arena-e2e-${name}-`));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  let server: ChildProcess | undefined;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    env,
    async start(extraEnv = {}) {
      let output = '';
      const child = spawn(process.execPath, [...SOURCE_NODE_ARGS, 'apps/api/src/main.ts'], {
        cwd: ROOT,
        env: { ...env, ...extraEnv, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server = child;
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      const deadline = Date.now() + 90_000;
      while (!output.includes('Arena is running at')) {
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`server did not start:\n${output}`);
        await sleep(100);
      }
    },
    async stop() {
      if (server && server.exitCode === null) {
        const exited = new Promise((resolve) => server!.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
  });
}
