import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { challenges, openDatabase, type DatabaseHandle } from '@arena/db';
import { createInProcessJobs, createMemoryLimiter, type InProcessJobs } from '@arena/jobs';
import { createDemoAdapter } from '@arena/demo-provider';
import { createFsImageStore } from '@arena/storage';
import {
  createTestDatabase,
  TEST_CATALOG_FILE,
  waitFor,
  type TestDatabase,
  type TestDriver,
} from '@arena/testing';
import pino from 'pino';
import type { ProviderRegistry, ServiceConfig, ServiceContext } from '../../src';
import { seedCatalogIfEmpty } from '../../src/catalog/seed-catalog';
import { createJobHandlers } from '../../src/jobs/job-handlers';

/** The production defaults, but votes may come at once (tests vote without looking). */
const DEFAULT_CONFIG: ServiceConfig = {
  eloK: 32,
  battleTtlMs: 1_800_000,
  minViewMs: 0,
  maxOpenBattles: 3,
  generationTimeoutMs: 180_000,
  leaderboard: {
    bootstrapRounds: 100,
    debounceMs: 5_000,
    historyIntervalMs: 3_600_000,
    provisionalVotes: 200,
  },
};

export interface TestServicesOptions {
  driver?: TestDriver;
  config?: Partial<Omit<ServiceConfig, 'leaderboard'>> & {
    leaderboard?: Partial<ServiceConfig['leaderboard']>;
  };
}

export interface TestServices {
  ctx: ServiceContext;
  jobs: InProcessJobs;
  /** The Postgres clone, when the driver is Postgres. */
  database?: TestDatabase;
  close(): Promise<void>;
}

/**
 * A service context for one test file, assembled as the runtime would assemble it for the
 * embedded mode: its own database (a Postgres clone or a PGlite folder), its own image folder,
 * in-process jobs and the offline demo provider (at its instant profile). Jobs run once
 * `jobs.start` is called with the handlers, as the runtime does.
 */
export async function createTestServices(options: TestServicesOptions = {}): Promise<TestServices> {
  const driver = options.driver ?? 'postgres';
  const dataDir = await mkdtemp(join(tmpdir(), 'arena-services-'));
  const database = driver === 'postgres' ? await createTestDatabase() : undefined;
  let handle: DatabaseHandle;
  if (database) {
    handle = database.handle;
  } else {
    handle = await openDatabase({ driver: 'pglite', dataDir: join(dataDir, 'pglite') });
    await handle.migrate();
  }
  const demo = createDemoAdapter({ profile: 'instant' });
  const providers: ProviderRegistry = {
    lookup: (provider) =>
      provider.kind === 'demo'
        ? { adapter: demo }
        : { unavailable: 'service tests run the demo provider only' },
  };
  const jobs = createInProcessJobs({ concurrency: { generation: 8, maintenance: 1, ratings: 1 } });
  const ctx: ServiceContext = {
    db: handle.db,
    queue: jobs,
    store: createFsImageStore(dataDir),
    providers,
    limiter: createMemoryLimiter(),
    config: {
      ...DEFAULT_CONFIG,
      ...options.config,
      leaderboard: { ...DEFAULT_CONFIG.leaderboard, ...options.config?.leaderboard },
    },
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    now: () => new Date(),
  };
  return {
    ctx,
    jobs,
    database,
    async close() {
      await jobs.stop();
      if (database) await database.drop();
      else await handle.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Services on the test catalog, every challenge generated and open for voting. */
export async function startSeededServices(
  options: TestServicesOptions = {},
): Promise<TestServices> {
  const services = await createTestServices(options);
  const { ctx, jobs } = services;
  await seedCatalogIfEmpty(ctx, { catalogFile: TEST_CATALOG_FILE });
  await jobs.start(createJobHandlers(ctx));
  await waitFor(
    async () => {
      const rows = await ctx.db.select({ status: challenges.status }).from(challenges);
      return rows.length > 0 && rows.every((row) => row.status === 'voting');
    },
    60_000,
    'every test challenge to open for voting',
  );
  return services;
}
