import { challenges } from '@arena/db';
import { seedCatalogIfEmpty } from '@arena/services';
import { TEST_CATALOG_FILE, waitFor } from '@arena/testing';
import { createTestRuntime, type TestRuntime, type TestRuntimeOptions } from './test-runtime';

/** A runtime on the test catalog with every challenge generated and open for voting. */
export async function startSeededRuntime(options: TestRuntimeOptions): Promise<TestRuntime> {
  const test = await createTestRuntime(options);
  const { ctx } = test.runtime;
  await seedCatalogIfEmpty(ctx, { catalogFile: TEST_CATALOG_FILE });
  await test.runtime.startJobs();
  await waitFor(async () => {
    const rows = await ctx.db.select({ status: challenges.status }).from(challenges);
    return rows.length > 0 && rows.every((row) => row.status === 'voting');
  }, 60_000);
  return test;
}
