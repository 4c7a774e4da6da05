import { ARENAS, ASPECT_RATIOS, RESOLUTION_TIERS } from '@arena/core';
import { z } from 'zod';

/** What operators send and get back when they create, launch and close challenges. */

/** The fields of a new challenge, whether sent as JSON or as multipart form fields. */
export const challengeFields = {
  /** Made from the title when absent. */
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(80)
    .optional(),
  title: z.string().min(1).max(200),
  arena: z.enum(ARENAS),
  category: z.string().min(1),
  prompt: z.string().min(1).max(8000),
  /**
   * Absent: the nearest supported ratio of `size`, else of the source image (editing), else
   * 1:1.
   */
  aspectRatio: z.enum(ASPECT_RATIOS).optional(),
  /** A pixel size such as `1024x768`, instead of `aspectRatio` (and of `resolution`). */
  size: z
    .string()
    .regex(/^\d{2,5}x\d{2,5}$/, 'WIDTHxHEIGHT, e.g. 1024x768')
    .optional(),
  /** Absent: the tier nearest to `size`, else 1K. */
  resolution: z.enum(RESOLUTION_TIERS).optional(),
};

export const createChallengeInput = z
  .object({
    ...challengeFields,
    /**
     * Base64 PNG, JPEG or WebP, for image editing. Kept for scripts; the console uploads the
     * file as multipart/form-data (`sourceImage`).
     */
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
