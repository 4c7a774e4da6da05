import { z } from 'zod';

/** The providers' own verification endpoints, used unless HUMAN_CHECK_VERIFY_URL says otherwise. */
export const SITEVERIFY_URLS = {
  turnstile: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
  hcaptcha: 'https://api.hcaptcha.com/siteverify',
} as const;

export type HumanCheckProvider = keyof typeof SITEVERIFY_URLS;

/**
 * The human check (a Turnstile or hCaptcha challenge) a voter must pass once it trips a
 * threshold before its further votes count. Off by default: the embedded arena needs no
 * external service.
 */
export const humanCheckEnvSchema = z.object({
  HUMAN_CHECK: z.enum(['off', 'turnstile', 'hcaptcha']).default('off'),
  /** Public key the browser widget is rendered with. */
  HUMAN_CHECK_SITE_KEY: z.string().min(1).optional(),
  /** Server-side secret of the siteverify call; read from the environment only, never logged. */
  HUMAN_CHECK_SECRET: z.string().min(1).optional(),
  /** The provider's siteverify URL by default; tests point it at a loopback server. */
  HUMAN_CHECK_VERIFY_URL: z.string().url().optional(),
  /** Deadline of one siteverify call; past it the check fails as unavailable, never as passed. */
  HUMAN_CHECK_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /** A voter passes a check once it has cast this many votes, and again every as many votes. */
  HUMAN_CHECK_AFTER_VOTES: z.coerce.number().int().positive().default(100),
  /**
   * Once an address has started this many voters within a day, the voters it starts after that
   * must pass a check before their first vote counts.
   */
  HUMAN_CHECK_NEW_VOTERS_PER_ADDRESS: z.coerce.number().int().positive().default(5),
});

type HumanCheckEnv = z.infer<typeof humanCheckEnvSchema>;

/** A provider without its site key and secret would refuse every voter: refuse to start instead. */
export function refineHumanCheck(e: HumanCheckEnv, ctx: z.RefinementCtx) {
  if (e.HUMAN_CHECK === 'off') return;
  for (const name of ['HUMAN_CHECK_SITE_KEY', 'HUMAN_CHECK_SECRET'] as const) {
    if (!e[name]) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `required when HUMAN_CHECK=${e.HUMAN_CHECK}`,
      });
    }
  }
}

export type HumanCheckConfig =
  | { provider: 'off'; afterVotes: number; newVotersPerAddress: number }
  | {
      provider: HumanCheckProvider;
      siteKey: string;
      secret: string;
      verifyUrl: string;
      timeoutMs: number;
      afterVotes: number;
      newVotersPerAddress: number;
    };

export function humanCheckConfig(e: HumanCheckEnv): HumanCheckConfig {
  const thresholds = {
    afterVotes: e.HUMAN_CHECK_AFTER_VOTES,
    newVotersPerAddress: e.HUMAN_CHECK_NEW_VOTERS_PER_ADDRESS,
  };
  if (e.HUMAN_CHECK === 'off') return { provider: 'off', ...thresholds };
  return {
    provider: e.HUMAN_CHECK,
    // Present: refineHumanCheck refused the configuration otherwise.
    siteKey: e.HUMAN_CHECK_SITE_KEY!,
    secret: e.HUMAN_CHECK_SECRET!,
    verifyUrl: e.HUMAN_CHECK_VERIFY_URL ?? SITEVERIFY_URLS[e.HUMAN_CHECK],
    timeoutMs: e.HUMAN_CHECK_TIMEOUT_MS,
    ...thresholds,
  };
}
