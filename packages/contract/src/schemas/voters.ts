import { z } from 'zod';

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
