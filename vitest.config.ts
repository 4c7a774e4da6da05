import { defineConfig } from 'vitest/config';

/** Workspace packages resolve to their TypeScript sources in tests, never to a stale build. */
const SOURCE_CONDITIONS = ['@arena/source', 'module', 'node', 'development|production'];

export default defineConfig({
  environments: {
    ssr: { resolve: { conditions: SOURCE_CONDITIONS } },
    // Where vitest runs the global setup.
    __vitest__: { resolve: { conditions: SOURCE_CONDITIONS } },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
    globalSetup: ['packages/testing/src/global-setup.ts'],
    // PGlite cold starts take seconds, more when two start at once.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: Number(process.env.TEST_WORKERS ?? 2),
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
