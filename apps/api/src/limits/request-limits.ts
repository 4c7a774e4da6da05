import { tooMany } from '@arena/core';
import type { LimitsConfig } from '@arena/runtime';
import { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

export type LimitedAction = 'battle' | 'vote' | 'newVoter' | 'export' | 'humanCheck' | 'suggestion';

export interface RequestLimits {
  /** Counts one `action` against each key's limits; throws a 429 error past any of them. */
  consume(action: LimitedAction, keys: { voter?: string; address: string }): Promise<void>;
  readonly trustedProxies: readonly string[];
  close(): Promise<void>;
}

interface Rule {
  on: 'voter' | 'address';
  points: number;
  duration: number;
}

function rules(config: LimitsConfig): Record<LimitedAction, Rule[]> {
  return {
    battle: [
      { on: 'voter', points: config.battlesPerMinute, duration: MINUTE },
      { on: 'address', points: config.battlesPerMinutePerAddress, duration: MINUTE },
    ],
    vote: [
      { on: 'voter', points: config.votesPerMinute, duration: MINUTE },
      { on: 'voter', points: config.votesPerDay, duration: DAY },
      { on: 'address', points: config.votesPerMinutePerAddress, duration: MINUTE },
      { on: 'address', points: config.votesPerDayPerAddress, duration: DAY },
    ],
    newVoter: [{ on: 'address', points: config.newVotersPerHourPerAddress, duration: HOUR }],
    export: [{ on: 'address', points: config.exportsPerHourPerAddress, duration: HOUR }],
    humanCheck: [
      { on: 'voter', points: config.humanChecksPerMinute, duration: MINUTE },
      { on: 'address', points: config.humanChecksPerMinutePerAddress, duration: MINUTE },
    ],
    suggestion: [
      { on: 'voter', points: config.suggestionsPerHour, duration: HOUR },
      { on: 'address', points: config.suggestionsPerHourPerAddress, duration: HOUR },
    ],
  };
}

const MESSAGES: Record<LimitedAction, string> = {
  battle: 'too many battles in a short time; wait a moment',
  vote: 'too many votes in a short time; wait a moment',
  newVoter: 'too many new sessions from this address; try again later',
  export: 'too many exports from this address; try again later',
  humanCheck: 'too many human checks in a short time; wait a moment',
  suggestion: 'too many suggestions in a short time; try again later',
};

/**
 * The API's limits, in Redis when several processes share them (production), in memory when
 * one process serves (embedded). A Redis outage falls back to the memory of each process
 * rather than refusing everyone.
 */
export function createRequestLimits(
  config: LimitsConfig,
  store: { redisUrl?: string; prefix: string },
): RequestLimits {
  if (!config.enabled) {
    return {
      consume: async () => {},
      trustedProxies: config.trustedProxies,
      close: async () => {},
    };
  }
  // Commands wait for the connection (the first requests after start), but not for long: a
  // Redis that does not answer sends each limiter to its in-memory insurance.
  const redis = store.redisUrl
    ? new Redis(store.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000 })
    : undefined;
  const limiters = new Map<LimitedAction, Array<{ rule: Rule; limiter: RateLimiterAbstract }>>();
  for (const [action, list] of Object.entries(rules(config)) as [LimitedAction, Rule[]][]) {
    limiters.set(
      action,
      list.map((rule, i) => {
        const options = {
          keyPrefix: `${store.prefix}:limit:${action}:${i}`,
          points: rule.points,
          duration: rule.duration,
        };
        const memory = new RateLimiterMemory(options);
        const limiter = redis
          ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: memory })
          : memory;
        return { rule, limiter };
      }),
    );
  }
  return {
    trustedProxies: config.trustedProxies,
    async consume(action, keys) {
      for (const { rule, limiter } of limiters.get(action)!) {
        const key = rule.on === 'voter' ? keys.voter : keys.address;
        if (!key) continue;
        try {
          await limiter.consume(key);
        } catch (refusal) {
          if (!(refusal instanceof RateLimiterRes)) throw refusal;
          const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
          throw tooMany('rate_limited', MESSAGES[action], seconds);
        }
      }
    },
    async close() {
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}

/** No limits: what tests of other behaviour build the app with. */
export const NO_LIMITS: RequestLimits = {
  consume: async () => {},
  trustedProxies: [],
  close: async () => {},
};
