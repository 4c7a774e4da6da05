import { z } from 'zod';

/** Voters: the human check they pass, and what operators see of suspected ones. */

/** The human check a voter passes when a threshold asks for one (Turnstile or hCaptcha). */

export const humanCheckProviderSchema = z.enum(['turnstile', 'hcaptcha']);
export type HumanCheckProvider = z.infer<typeof humanCheckProviderSchema>;

/**
 * The `details` of a 403 `human_check_required` answer to a vote: what the browser needs to
 * show the provider's widget. The battle stays open, so the vote can be sent again after a pass.
 */
export const humanCheckChallengeSchema = z.object({
  provider: humanCheckProviderSchema,
  siteKey: z.string(),
});
export type HumanCheckChallenge = z.infer<typeof humanCheckChallengeSchema>;

export const humanCheckRequestSchema = z
  .object({
    // Turnstile tokens are at most 2048 characters; hCaptcha's are of the same order.
    token: z.string().min(1).max(4096).meta({ description: "the widget's response token" }),
  })
  .strict();
export type HumanCheckRequest = z.infer<typeof humanCheckRequestSchema>;

export const humanCheckResultSchema = z.object({
  passed: z.literal(true),
  checkedAt: z.string(),
});
export type HumanCheckResult = z.infer<typeof humanCheckResultSchema>;

/** What operators see of suspected voters, and get back when they clear one. */

export const suspectedVoterSchema = z.object({
  id: z.string(),
  /** When screening flagged the voter. */
  suspectedAt: z.string(),
  /** Why, one line per test (and model) that fired. */
  reasons: z.array(z.string()),
  /** Counted votes now kept off the leaderboards and the open data. */
  votes: z.number().int(),
});
export type SuspectedVoter = z.infer<typeof suspectedVoterSchema>;

export const suspectedVotersSchema = z.object({ voters: z.array(suspectedVoterSchema) });
export type SuspectedVoters = z.infer<typeof suspectedVotersSchema>;

export const clearedVoterSchema = z.object({
  id: z.string(),
  clearedAt: z.string(),
  /** The operator who cleared the voter; null from the command line. */
  clearedBy: z.string().nullable(),
});
export type ClearedVoter = z.infer<typeof clearedVoterSchema>;
