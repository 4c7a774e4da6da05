import { seedCatalogIfEmpty } from '@arena/services';
import {
  createTestRuntime,
  TEST_CATALOG_FILE,
  waitFor,
  type TestDriver,
  type TestRuntime,
} from '@arena/testing';
import { challenges } from '@arena/db';
import { createApp } from '../../src/app';

export const TEST_SESSION_SECRET = 'test-session-secret-that-is-long-enough-0123456789';

export interface TestArena extends TestRuntime {
  app: ReturnType<typeof createApp>;
}

/**
 * An arena on the test catalog with every challenge generated and open for voting, and the
 * HTTP app over it.
 */
export async function startVotableArena(
  driver: TestDriver,
  env: Record<string, string> = {},
): Promise<TestArena> {
  const test = await createTestRuntime({ driver, env });
  const { ctx } = test.runtime;
  await seedCatalogIfEmpty(ctx, TEST_CATALOG_FILE);
  await test.runtime.startJobs();
  await waitFor(async () => {
    const rows = await ctx.db.select({ status: challenges.status }).from(challenges);
    return rows.length > 0 && rows.every((row) => row.status === 'voting');
  }, 60_000);
  const app = createApp({ ctx, sessionSecret: TEST_SESSION_SECRET });
  return { ...test, app };
}
