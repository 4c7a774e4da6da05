import { ARENAS, ASPECT_RATIOS, RESOLUTION_TIERS } from '@arena/core';
import { z } from 'zod';

/** What operators send and get back when they create, launch and close challenges. */

export const createChallengeInput = z
  .object({
    slug: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      .max(80),
    title: z.string().min(1).max(200),
    arena: z.enum(ARENAS),
    category: z.string().min(1),
    prompt: z.string().min(1).max(8000),
    aspectRatio: z.enum(ASPECT_RATIOS).default('1:1'),
    resolution: z.enum(RESOLUTION_TIERS).default('1K'),
    /** Base64 PNG, JPEG or WebP; required for image editing. */
    sourceImageBase64: z.string().max(30_000_000).optional(),
  })
  .strict();
export type CreateChallengeInput = z.input<typeof createChallengeInput>;

export const createdChallengeSchema = z.object({
  id: z.string(),
  slug: z.string(),
  status: z.string(),
});
export type CreatedChallenge = z.infer<typeof createdChallengeSchema>;

export const launchResultSchema = z.object({
  challengeId: z.string(),
  models: z.number().int(),
  generations: z.number().int(),
});
export type LaunchResult = z.infer<typeof launchResultSchema>;

export const closedChallengeSchema = z.object({
  challengeId: z.string(),
  slug: z.string(),
  status: z.literal('closed'),
  closedAt: z.string(),
});
export type ClosedChallenge = z.infer<typeof closedChallengeSchema>;
