import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { humanCheckConfig, humanCheckEnvSchema, refineHumanCheck } from './human-check-config';
import { limitsConfig, limitsEnvSchema } from './limits-config';
import { refineStorage, storageConfig, storageEnvSchema } from './storage-config';
import { opsConfig, opsEnvSchema } from './ops-config';

/** Two connections per core of this machine, at least 4 (DATABASE_POOL_SIZE). */
function defaultPoolSize() {
  return Math.max(4, 2 * availableParallelism());
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Every setting the processes read, from the environment, parsed once at start-up. */
const envSchema = z
  .object({
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    /** Postgres server; without it the arena runs on PGlite under DATA_DIR. */
    DATABASE_URL: z.string().url().optional(),
    /**
     * Connections per process to Postgres. Postgres does its best work with a few
     * transactions per core at once: more only share its cores, so each one takes longer and
     * the slowest much longer, where the pool's own queue would have served them in turn.
     * The default is two per core of this machine, at least 4; set it for the database's
     * machine when that is another one.
     */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(defaultPoolSize()),
    /** Redis for BullMQ; without it jobs run in process. */
    REDIS_URL: z.string().url().optional(),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]+$/)
      .default('arena'),
    DATA_DIR: z.string().default('./data'),
    /** Folder of the built web UI served by the API; empty to serve the API only. */
    WEB_DIR: z.string().optional(),
    CATALOG_FILE: z.string().optional(),
    /** Seed the catalog into an empty database and launch its draft challenges. */
    SEED_CATALOG: bool.default(true),
    /** HMAC key for voter cookies; generated and kept under DATA_DIR when unset. */
    SESSION_SECRET: z.string().min(32).optional(),
    ELO_K: z.coerce.number().positive().max(200).default(32),
    BATTLE_TTL_SECONDS: z.coerce.number().int().positive().default(1800),
    /** A vote sooner than this after both images were fetched is refused (nobody looks that fast). */
    MIN_VIEW_MS: z.coerce.number().int().min(0).default(1000),
    /** How long after voting a voter may take the vote back (an undo); 0 turns undo off. */
    VOTE_UNDO_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
    /** Unvoted battles a voter may hold at once; a new one expires the oldest beyond this. */
    MAX_OPEN_BATTLES: z.coerce.number().int().min(1).max(100).default(3),
    DEMO_PROFILE: z.enum(['instant', 'fast', 'realistic']).default('fast'),
    DEMO_LATENCY_SCALE: z.coerce.number().positive().default(1),
    /** Generation calls running at once in one process. */
    GENERATION_CONCURRENCY: z.coerce.number().int().positive().default(8),
    /** Deadline of one provider call, downloads included. */
    GENERATION_TIMEOUT_MS: z.coerce.number().int().positive().default(180_000),
    RECONCILE_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
    /** A running job's lock; a killed worker's jobs go back to the queue once it lapses. */
    JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
    /**
     * A worker's claims (provider slots, generations) last this long unless renewed, which a
     * live worker does every third of it: a dead worker's claims free within this.
     */
    WORKER_LEASE_MS: z.coerce.number().int().min(1000).default(15_000),
    /**
     * On SIGTERM a worker lets running jobs finish this long, then hands the rest back; the API
     * lets requests in flight finish this long, then closes their connections.
     */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(20_000),
    /** Bootstrap rounds of each published leaderboard's intervals. */
    LEADERBOARD_BOOTSTRAP_ROUNDS: z.coerce.number().int().min(10).max(10_000).default(100),
    /** A recompute waits this long after a vote, so a burst of votes costs one recompute. */
    LEADERBOARD_DEBOUNCE_MS: z.coerce.number().int().min(0).default(5_000),
    /** Scheduled recompute (a no-op when no vote arrived), catching votes a debounce missed. */
    LEADERBOARD_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
    /** Rating history gets a point per scope per this interval, and when a scope's votes double. */
    RATING_HISTORY_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
    /** Models with fewer votes in a scope are shown as provisional. */
    PROVISIONAL_VOTES: z.coerce.number().int().min(0).default(200),
    /**
     * Screening of voters and networks in every recompute (docs/INTEGRITY.md). `off` is for
     * tests of other things, where one scripted voter casts every vote.
     */
    SCREENING: z.enum(['on', 'off']).default('on'),
    /** The screen's false-positive budget per voter, split between its tests. */
    SCREENING_ALPHA: z.coerce.number().gt(0).lt(1).default(0.05),
    /** Voters (and networks) with fewer votes are not judged. */
    SCREENING_MIN_VOTES: z.coerce.number().int().min(1).default(5),
    /** Key of the voter-id hash in vote exports; derived from the session secret when unset. */
    EXPORT_SALT: z.string().min(32).optional(),
    /** Default: `info`, or `warn` for the embedded terminal's short lines (LOG_FORMAT). */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    TRUST_PROXY: bool.default(false),
  })
  .extend(limitsEnvSchema.shape)
  .extend(opsEnvSchema.shape)
  .extend(humanCheckEnvSchema.shape)
  .extend(storageEnvSchema.shape)
  .superRefine(refineHumanCheck)
  .superRefine(refineStorage);

export type AppConfig = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  // An empty variable means "unset", as in most twelve-factor tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    dataDir,
    webDir: e.WEB_DIR ? resolve(e.WEB_DIR) : undefined,
    catalogFile: e.CATALOG_FILE ? resolve(e.CATALOG_FILE) : undefined,
    seedCatalog: e.SEED_CATALOG,
    sessionSecret: e.SESSION_SECRET,
    eloK: e.ELO_K,
    battleTtlMs: e.BATTLE_TTL_SECONDS * 1000,
    minViewMs: e.MIN_VIEW_MS,
    voteUndoMs: e.VOTE_UNDO_SECONDS * 1000,
    maxOpenBattles: e.MAX_OPEN_BATTLES,
    demo: { profile: e.DEMO_PROFILE, latencyScale: e.DEMO_LATENCY_SCALE },
    generationConcurrency: e.GENERATION_CONCURRENCY,
    generationTimeoutMs: e.GENERATION_TIMEOUT_MS,
    reconcileIntervalMs: e.RECONCILE_INTERVAL_MS,
    jobLockMs: e.JOB_LOCK_MS,
    workerLeaseMs: e.WORKER_LEASE_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    leaderboard: {
      bootstrapRounds: e.LEADERBOARD_BOOTSTRAP_ROUNDS,
      debounceMs: e.LEADERBOARD_DEBOUNCE_MS,
      intervalMs: e.LEADERBOARD_INTERVAL_MS,
      historyIntervalMs: e.RATING_HISTORY_INTERVAL_MS,
      provisionalVotes: e.PROVISIONAL_VOTES,
    },
    screening: {
      enabled: e.SCREENING === 'on',
      alpha: e.SCREENING_ALPHA,
      minVotes: e.SCREENING_MIN_VOTES,
    },
    exportSalt: e.EXPORT_SALT,
    logLevel: e.LOG_LEVEL ?? (opsConfig(e).logFormat === 'pretty' ? 'warn' : 'info'),
    trustProxy: e.TRUST_PROXY,
    limits: limitsConfig(e),
    ops: opsConfig(e),
    humanCheck: humanCheckConfig(e),
    storage: storageConfig(e, dataDir),
  };
}
