import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Outputs of `pnpm build` that a deployment carries. */
const BUILD_OUTPUTS = /^(packages|apps)\/[^/]+\/dist$|^apps\/web\/build$/;

export interface ProductionTree {
  dir: string;
  remove(): Promise<void>;
}

/**
 * What the Dockerfile's final image holds, in a temporary folder: the repository's files and
 * the outputs of the last `pnpm build`, production dependencies only (`pnpm install --prod`,
 * from the local store), and no TypeScript sources, tests or build tools. Processes started there prove that
 * production needs nothing but node and compiled JavaScript.
 */
export async function createProductionTree(): Promise<ProductionTree> {
  const pnpm = process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm';
  const dir = await mkdtemp(join(tmpdir(), 'arena-production-'));
  const { stdout } = await run(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '-z'],
    { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
  );
  const files = stdout.split('\0').filter((file) => file && !/(^|\/)(src|test)\//.test(file));
  for (const file of files) {
    await cp(join(REPO_ROOT, file), join(dir, file), { recursive: true }).catch((error) => {
      // A file deleted in the working tree but still in the index.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
  }
  const { stdout: outputs } = await run(
    'git',
    ['ls-files', '--others', '--ignored', '--exclude-standard', '--directory', 'packages', 'apps'],
    { cwd: REPO_ROOT },
  );
  for (const output of outputs.split('\n').map((line) => line.replace(/\/$/, ''))) {
    if (!BUILD_OUTPUTS.test(output)) continue;
    await cp(join(REPO_ROOT, output), join(dir, output), { recursive: true });
  }
  await run(pnpm, ['install', '--prod', '--frozen-lockfile', '--offline'], {
    cwd: dir,
    env: { ...process.env, CI: '1' },
  });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The compiled entry of an app in the tree, as the image's CMD runs it. */
export function productionEntry(tree: ProductionTree, app: 'api' | 'worker'): string {
  const entry = join(tree.dir, 'apps', app, 'dist', 'main.js');
  if (!existsSync(entry)) throw new Error(`apps/${app} is not built: run \`pnpm build\` first`);
  return entry;
}

/** Build tools and test runners: none may be installed in a production tree. */
export const DEV_ONLY_PACKAGES = [
  'typescript',
  'tsx',
  'tsup',
  'esbuild',
  'vitest',
  'turbo',
  'vite',
];
