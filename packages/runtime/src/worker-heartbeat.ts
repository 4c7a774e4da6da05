import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Worker heartbeats live in one sorted set per queue prefix: member a worker id, score the time
 * of its last beat in Redis's own clock (TIME), so machines whose clocks disagree still agree
 * on how old a beat is. No database table: Redis already is what every worker must reach.
 */
export const heartbeatKey = (prefix: string) => `${prefix}:heartbeat:workers`;

/** Beats older than this are dropped from the set, so it holds only recent workers. */
const FORGET_AFTER_MS = 24 * 3600 * 1000;

const BEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
return now`;

const SEEN = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local live = redis.call('ZCOUNT', KEYS[1], now - tonumber(ARGV[1]), '+inf')
local latest = redis.call('ZREVRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if latest[2] then return { live, now - tonumber(latest[2]) } end
return { live, -1 }`;

/**
 * A connection for probes: opened by its first command (a process never probed opens none),
 * and a command fails after one retry instead of waiting out an outage.
 */
export function probeConnection(redisUrl: string): Redis {
  const redis = new Redis(redisUrl, {
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    lazyConnect: true,
  });
  // Failures surface through the commands; the events would only repeat them on stderr.
  redis.on('error', () => {});
  return redis;
}

export interface WorkerHeartbeat {
  /** Removes this worker at once: a worker that stopped is no longer counted. */
  stop(): Promise<void>;
}

/**
 * Beats every `intervalMs` while this process's job runner runs (started after it, stopped
 * before it). A beat that fails (Redis away) is logged once per outage and tried again.
 */
export function startWorkerHeartbeat(options: {
  redisUrl: string;
  prefix: string;
  intervalMs: number;
  logger: Logger;
}): WorkerHeartbeat {
  const redis = probeConnection(options.redisUrl);
  const key = heartbeatKey(options.prefix);
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  let failing = false;
  const beat = () =>
    redis.eval(BEAT, 1, key, id, FORGET_AFTER_MS).then(
      () => {
        if (failing) options.logger.info('worker heartbeat restored');
        failing = false;
      },
      (error: unknown) => {
        if (!failing) options.logger.warn({ err: error }, 'worker heartbeat failed');
        failing = true;
      },
    );
  void beat();
  const timer = setInterval(() => void beat(), options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await redis.zrem(key, id).catch(() => {});
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Workers that beat within the window, and the age of the latest beat (null: none ever). */
export async function readWorkerHeartbeats(
  redis: Redis,
  prefix: string,
  windowMs: number,
): Promise<{ live: number; latestAgeMs: number | null }> {
  const [live, age] = (await redis.eval(SEEN, 1, heartbeatKey(prefix), windowMs)) as [
    number,
    number,
  ];
  return { live, latestAgeMs: age < 0 ? null : age };
}
