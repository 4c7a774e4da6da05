import { startSeededRuntime, type TestRuntime } from '@arena/runtime/testing';
import type { TestDriver } from '@arena/testing';
import { createApp } from '../../src/app';

export const TEST_SESSION_SECRET = 'test-session-secret-that-is-long-enough-0123456789';

/** The embedded mode runs on PGlite, production on Postgres: suites that touch both run twice. */
export const DRIVERS: readonly TestDriver[] = ['pglite', 'postgres'];

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
  providerEnv: Record<string, string> = {},
): Promise<TestArena> {
  const test = await startSeededRuntime({ driver, env, providerEnv });
  const app = createApp({ ctx: test.runtime.ctx, sessionSecret: TEST_SESSION_SECRET });
  return { ...test, app };
}
