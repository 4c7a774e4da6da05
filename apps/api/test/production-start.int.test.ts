import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createProductionTree,
  createTestDatabase,
  DEV_ONLY_PACKAGES,
  deleteQueueKeys,
  freePort,
  productionEntry,
  startNode,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  waitFor,
  type ProductionTree,
} from '@arena/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The API as the production image runs it: `node apps/api/dist/main.js` on compiled output,
 * with production dependencies only.
 */
describe('the compiled API with production dependencies only', () => {
  let tree: ProductionTree;
  let dataDir: string;

  beforeAll(async () => {
    tree = await createProductionTree();
    dataDir = await mkdtemp(join(tmpdir(), 'arena-production-data-'));
  }, 240_000);
  afterAll(async () => {
    await tree?.remove();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('has no build tool or test runner installed', async () => {
    // pnpm keeps every installed package as node_modules/.pnpm/<name>@<version>.
    const store = await readdir(join(tree.dir, 'node_modules', '.pnpm'));
    const installed = (name: string) => store.some((entry) => entry.startsWith(`${name}@`));
    expect(store.some((entry) => entry.startsWith('hono@'))).toBe(true);
    expect(DEV_ONLY_PACKAGES.filter(installed)).toEqual([]);
    expect(existsSync(join(tree.dir, 'apps', 'api', 'src'))).toBe(false);
  });

  it('runs the embedded arena: web UI, seeded catalog, battles', async () => {
    const port = await freePort();
    const api = startNode(['--enable-source-maps', productionEntry(tree, 'api')], {
      cwd: tree.dir,
      env: { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', DEMO_PROFILE: 'instant' },
    });
    try {
      await api.waitForOutput('Arena is running at', 90_000);
      const base = `http://127.0.0.1:${port}`;
      expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ status: 'ok' });
      const page = await fetch(`${base}/`);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      await waitFor(
        async () => {
          const battle = await fetch(`${base}/api/battles`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ arena: 'text-to-image' }),
          });
          return battle.status === 201;
        },
        60_000,
        'a first battle',
      );
    } finally {
      expect(await api.stop()).toBe(0);
    }
  });

  it('runs against Postgres and Redis, as docker-compose does', async () => {
    const database = await createTestDatabase();
    const prefix = uniqueQueuePrefix();
    const port = await freePort();
    const api = startNode(['--enable-source-maps', productionEntry(tree, 'api')], {
      cwd: tree.dir,
      env: {
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        DATA_DIR: dataDir,
        SESSION_SECRET: 'production-start-test-secret-0123456789abcdef',
        PORT: String(port),
        LOG_LEVEL: 'warn',
      },
    });
    try {
      await api.waitForOutput('(Postgres, BullMQ)', 60_000);
      const models = (await (await fetch(`http://127.0.0.1:${port}/api/models`)).json()) as {
        models: unknown[];
      };
      expect(models.models.length).toBeGreaterThanOrEqual(2);
    } finally {
      expect(await api.stop()).toBe(0);
      await deleteQueueKeys(prefix);
      await database.drop();
    }
  });
});
