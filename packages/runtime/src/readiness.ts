import { checkHealth, type ServiceContext } from '@arena/services';
import type { Redis } from 'ioredis';
import { probeConnection, readWorkerHeartbeats } from './worker-heartbeat';

/** One dependency's answer: `ms` is how long it took, `detail` says why it failed. */
export interface ReadinessCheck {
  name: string;
  ok: boolean;
  ms: number;
  detail?: string;
}

export interface Readiness {
  /** Every check, run at once, each within CHECK_TIMEOUT_MS. */
  check(): Promise<ReadinessCheck[]>;
  close(): Promise<void>;
}

/** A dependency slower than this is as good as down for a probe. */
const CHECK_TIMEOUT_MS = 2_000;

/**
 * Why a check failed, in a line: the innermost cause (drizzle wraps the driver's error in a
 * "Failed query" one), with its code when it has one.
 */
export function errorDetail(error: unknown): string {
  let inner = error;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  if (!(inner instanceof Error)) return String(inner);
  const code = (inner as { code?: unknown }).code;
  return typeof code === 'string' && !inner.message.includes(code)
    ? `${code}: ${inner.message}`
    : inner.message;
}

async function timed(
  name: string,
  probe: () => Promise<string | undefined>,
): Promise<ReadinessCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    const detail = await Promise.race([probe(), timeout]);
    const check: ReadinessCheck = { name, ok: true, ms: Math.round(performance.now() - started) };
    if (detail) check.detail = detail;
    return check;
  } catch (error) {
    return {
      name,
      ok: false,
      ms: Math.round(performance.now() - started),
      detail: errorDetail(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether the arena can do its work: the database answers, Redis answers (when configured),
 * and a worker is consuming jobs: one whose heartbeat Redis saw within `windowMs`, or, in the
 * embedded mode, this process's own in-process runner.
 */
export function createReadiness(options: {
  ctx: Pick<ServiceContext, 'db'>;
  redisUrl?: string;
  prefix: string;
  windowMs: number;
  /** Set when this process runs the jobs itself (embedded): whether its runner is running. */
  inProcessRunner?: () => boolean;
}): Readiness {
  const redis: Redis | undefined = options.redisUrl ? probeConnection(options.redisUrl) : undefined;

  const worker = async () => {
    if (options.inProcessRunner) {
      if (!options.inProcessRunner()) throw new Error('the in-process job runner is not running');
      return 'in-process runner';
    }
    if (!redis) throw new Error('no job runner: neither REDIS_URL nor an in-process runner');
    const { live, latestAgeMs } = await readWorkerHeartbeats(
      redis,
      options.prefix,
      options.windowMs,
    );
    if (live === 0) {
      const last = latestAgeMs === null ? 'none seen' : `last ${latestAgeMs} ms ago`;
      throw new Error(`no worker heartbeat within ${options.windowMs} ms (${last})`);
    }
    return `${live} worker(s), latest heartbeat ${latestAgeMs} ms ago`;
  };

  return {
    async check() {
      const database = timed('database', async () => {
        await checkHealth(options.ctx);
        return undefined;
      });
      const cache = redis
        ? timed('redis', async () => {
            await redis.ping();
            return undefined;
          })
        : undefined;
      const checks = await Promise.all([database, cache, timed('worker', worker)]);
      return checks.filter((check): check is ReadinessCheck => check !== undefined);
    },
    async close() {
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}
