import { z } from 'zod';

const limit = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Request limits of the API, per voter and per client address. Defaults leave a person at
 * ease (a vote every three seconds, for hours) and cost a script dearly. RATE_LIMIT=off is for
 * benchmarks and load tests only.
 */
export const limitsEnvSchema = z.object({
  RATE_LIMIT: z.enum(['on', 'off']).default('on'),
  /**
   * Addresses or CIDR blocks of the reverse proxies in front of the API, comma-separated. The
   * client's address is read from X-Forwarded-For only when the connection comes from one.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    ),
  LIMIT_BATTLES_PER_MINUTE: limit(60),
  LIMIT_BATTLES_PER_MINUTE_PER_ADDRESS: limit(300),
  LIMIT_VOTES_PER_MINUTE: limit(20),
  LIMIT_VOTES_PER_MINUTE_PER_ADDRESS: limit(120),
  LIMIT_VOTES_PER_DAY: limit(500),
  LIMIT_VOTES_PER_DAY_PER_ADDRESS: limit(3000),
  /** New anonymous voters one address may start per hour (a cookie-less request starts one). */
  LIMIT_NEW_VOTERS_PER_HOUR_PER_ADDRESS: limit(20),
  LIMIT_EXPORTS_PER_HOUR_PER_ADDRESS: limit(10),
  /** Human-check tokens posted for verification (each costs a call to the provider). */
  LIMIT_HUMAN_CHECKS_PER_MINUTE: limit(10),
  LIMIT_HUMAN_CHECKS_PER_MINUTE_PER_ADDRESS: limit(60),
  /** Challenge suggestions from the site (each waits for an operator to read it). */
  LIMIT_SUGGESTIONS_PER_HOUR: limit(5),
  LIMIT_SUGGESTIONS_PER_HOUR_PER_ADDRESS: limit(20),
});

type LimitsEnv = z.infer<typeof limitsEnvSchema>;

export function limitsConfig(e: LimitsEnv) {
  return {
    enabled: e.RATE_LIMIT === 'on',
    trustedProxies: e.TRUSTED_PROXIES,
    battlesPerMinute: e.LIMIT_BATTLES_PER_MINUTE,
    battlesPerMinutePerAddress: e.LIMIT_BATTLES_PER_MINUTE_PER_ADDRESS,
    votesPerMinute: e.LIMIT_VOTES_PER_MINUTE,
    votesPerMinutePerAddress: e.LIMIT_VOTES_PER_MINUTE_PER_ADDRESS,
    votesPerDay: e.LIMIT_VOTES_PER_DAY,
    votesPerDayPerAddress: e.LIMIT_VOTES_PER_DAY_PER_ADDRESS,
    newVotersPerHourPerAddress: e.LIMIT_NEW_VOTERS_PER_HOUR_PER_ADDRESS,
    exportsPerHourPerAddress: e.LIMIT_EXPORTS_PER_HOUR_PER_ADDRESS,
    humanChecksPerMinute: e.LIMIT_HUMAN_CHECKS_PER_MINUTE,
    humanChecksPerMinutePerAddress: e.LIMIT_HUMAN_CHECKS_PER_MINUTE_PER_ADDRESS,
    suggestionsPerHour: e.LIMIT_SUGGESTIONS_PER_HOUR,
    suggestionsPerHourPerAddress: e.LIMIT_SUGGESTIONS_PER_HOUR_PER_ADDRESS,
  };
}

export type LimitsConfig = ReturnType<typeof limitsConfig>;
