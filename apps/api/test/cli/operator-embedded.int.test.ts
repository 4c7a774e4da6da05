import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, operators, operatorTokens } from '@arena/db';
import { REPO_ROOT, startNode } from '@arena/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcess, type ApiProcess } from '../support/arena-processes';

const SERVER = join(REPO_ROOT, 'apps/api/dist/main.js');
const CLI = join(REPO_ROOT, 'apps/api/dist/cli/main.js');

/**
 * The embedded default (no DATABASE_URL: PGlite under DATA_DIR) with the compiled server
 * running: `pnpm arena operator create` is refused, with a message and exit status 75, and
 * writes nothing; once the server stops (or died and left a stale lock) it works, and the
 * operator it created signs in to the restarted server.
 */
describe('pnpm arena operator create beside the embedded server', () => {
  let dataDir: string;
  let server: ApiProcess | undefined;
  const env = () => ({ DATA_DIR: dataDir, SEED_CATALOG: 'false', LOG_LEVEL: 'warn' });
  const startServer = () => startApiProcess(env(), { entry: SERVER, cwd: REPO_ROOT });
  const cli = async (...args: string[]) => {
    const run = startNode([CLI, ...args], { cwd: REPO_ROOT, env: env() });
    const code = await run.exited;
    return { code, output: run.output() };
  };
  const login = (base: string, token: string) =>
    fetch(`${base}/api/admin/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });

  beforeAll(async () => {
    if (!existsSync(SERVER) || !existsSync(CLI)) {
      throw new Error('apps/api is not built: run `pnpm build` first');
    }
    dataDir = await mkdtemp(join(tmpdir(), 'arena-cli-embedded-'));
  });
  afterAll(async () => {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses while the server runs, writes nothing, and works once it stops', async () => {
    server = await startServer();
    const refused = await cli('operator', 'create', 'alice', '--role', 'moderator');
    expect(refused.code).toBe(75);
    expect(refused.output).toContain(`in use by process ${server.child.pid}`);
    expect(refused.output).toMatch(/stop the Arena server/);
    expect(refused.output).not.toContain('arena_op_');
    // The server still answers, its lock intact.
    expect((await login(server.baseUrl, 'arena_op_nobody')).status).toBe(401);
    expect(await server.stop()).toBe(0);
    server = undefined;

    // Nothing was written: no operator and no token in the folder the server left.
    const handle = await openDatabase({ driver: 'pglite', dataDir: join(dataDir, 'pglite') });
    try {
      expect(await handle.db.select().from(operators)).toEqual([]);
      expect(await handle.db.select().from(operatorTokens)).toEqual([]);
    } finally {
      await handle.close();
    }

    const created = await cli('operator', 'create', 'alice', '--role', 'moderator');
    expect(created.code).toBe(0);
    const token = created.output.trim();
    expect(token).toMatch(/^arena_op_[\w-]{43}$/);

    server = await startServer();
    const session = await login(server.baseUrl, token);
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ operator: { name: 'alice', role: 'moderator' } });
    // Two cold starts of PGlite in the server and two in the CLI: up to 17 s each here.
  }, 240_000);

  it('takes over the lock a killed server left behind', async () => {
    server ??= await startServer();
    server.child.kill('SIGKILL');
    await server.exited;
    server = undefined;
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(true);

    const created = await cli('operator', 'create', 'bob');
    expect(created.code).toBe(0);
    const token = created.output.trim();
    server = await startServer();
    expect((await login(server.baseUrl, token)).status).toBe(200);
  }, 180_000);
});
