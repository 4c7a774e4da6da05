import { defineConfig } from 'vitest/config';

/**
 * Workspace packages resolve to their TypeScript sources in tests, never to a stale build.
 * Otherwise as node resolves in production: no bundlers' `module` condition, whose files (the
 * AWS SDK's `dist-es`) node cannot load.
 */
const SOURCE_CONDITIONS = ['@arena/source', 'node', 'development|production'];

/** Tests that need PostgreSQL, Redis, child processes or Chromium. */
const NEEDS_SERVICES = ['**/*.int.test.ts', '**/*.e2e.test.ts'];
const TEST_FILES = ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'];

/**
 * Two lanes: `unit` needs nothing but Node (pnpm test:unit, seconds), `integration` talks to
 * real PostgreSQL, Redis, processes and Chromium. Each package's `test` script runs both for
 * its own folder, so turbo retests only what changed.
 */
export default defineConfig({
  environments: {
    ssr: { resolve: { conditions: SOURCE_CONDITIONS } },
  },
  test: {
    // PGlite cold starts take seconds, more when two start at once.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: Number(process.env.TEST_WORKERS ?? 2),
    projects: [
      { extends: true, test: { name: 'unit', include: TEST_FILES, exclude: NEEDS_SERVICES } },
      { extends: true, test: { name: 'integration', include: NEEDS_SERVICES } },
    ],
  },
});
