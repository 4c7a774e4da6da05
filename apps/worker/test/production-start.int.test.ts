import { challenges } from '@arena/db';
import { createTestRuntime, type TestRuntime } from '@arena/runtime/testing';
import { launchChallenge, loadCatalog, syncCatalog } from '@arena/services';
import {
  createProductionTree,
  productionEntry,
  startNode,
  TEST_CATALOG_FILE,
  TEST_REDIS_URL,
  waitFor,
  type ProductionTree,
} from '@arena/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The worker as the production image runs it: `node apps/worker/dist/main.js` on compiled
 * output, with production dependencies only, running a fan-out to its end.
 */
describe('the compiled worker with production dependencies only', () => {
  let tree: ProductionTree;
  let api: TestRuntime;

  beforeAll(async () => {
    tree = await createProductionTree();
    api = await createTestRuntime({ driver: 'postgres', bullmq: true, runJobs: false });
    const catalog = await loadCatalog(TEST_CATALOG_FILE);
    await syncCatalog(api.runtime.ctx, { catalog, catalogFile: TEST_CATALOG_FILE });
  }, 240_000);
  afterAll(async () => {
    await api?.close();
    await tree?.remove();
  });

  it('generates a launched challenge until it opens for voting', async () => {
    const [challenge] = await api.runtime.ctx.db
      .select()
      .from(challenges)
      .where(eq(challenges.slug, 'rainy-street'));
    await launchChallenge(api.runtime.ctx, { challengeId: challenge!.id });
    const worker = startNode(['--enable-source-maps', productionEntry(tree, 'worker')], {
      cwd: tree.dir,
      env: {
        DATABASE_URL: api.database!.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: api.queuePrefix,
        DATA_DIR: api.dataDir,
        DEMO_PROFILE: 'instant',
        LOG_LEVEL: 'info',
      },
    });
    try {
      await worker.waitForOutput('worker started', 60_000);
      await waitFor(
        async () => {
          const [row] = await api.runtime.ctx.db
            .select({ status: challenges.status })
            .from(challenges)
            .where(eq(challenges.id, challenge!.id));
          return row!.status === 'voting';
        },
        60_000,
        'the challenge to open for voting',
      );
    } finally {
      expect(await worker.stop()).toBe(0);
    }
  });
});
