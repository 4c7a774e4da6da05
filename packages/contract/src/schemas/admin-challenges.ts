import { ASPECT_RATIOS, CHALLENGE_STATUSES, RESOLUTION_TIERS } from '@arena/core';
import { z } from 'zod';
import { challengeFields } from './admin';
import { arenaSchema, categoryRefSchema } from './common';

/** Challenges as operators see them: drafts included, each fan-out down to its attempts. */

/**
 * A new challenge as multipart/form-data: the same fields as the JSON body, and for image
 * editing the source image as the file field `sourceImage` (PNG, JPEG or WebP).
 */
export const createChallengeForm = z
  .object({
    ...challengeFields,
    // Described as a binary string: the OpenAPI generator has no mapping for a zod file.
    sourceImage: z
      .file()
      .meta({ type: 'string', format: 'binary', description: 'PNG, JPEG or WebP, for editing' })
      .optional(),
  })
  .strict();
export type CreateChallengeForm = z.input<typeof createChallengeForm>;

export const adminChallengeQuery = z.object({
  status: z.enum(CHALLENGE_STATUSES).optional(),
  arena: arenaSchema.optional(),
});

export const generationCountsSchema = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  running: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  /** Succeeded, then disqualified by an operator: out of battles and results. */
  disqualified: z.number().int(),
});
export type GenerationCounts = z.infer<typeof generationCountsSchema>;

export const adminChallengeSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  arena: arenaSchema,
  category: categoryRefSchema,
  prompt: z.string(),
  status: z.enum(CHALLENGE_STATUSES),
  aspectRatio: z.enum(ASPECT_RATIOS),
  resolution: z.enum(RESOLUTION_TIERS),
  /** The source image (editing), at the admin image route. */
  sourceImageUrl: z.string().nullable(),
  generations: generationCountsSchema,
  createdAt: z.string(),
  launchedAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type AdminChallenge = z.infer<typeof adminChallengeSchema>;
export const adminChallengeListSchema = z.object({ challenges: z.array(adminChallengeSchema) });

export const GENERATION_STATUS_VALUES = ['pending', 'running', 'succeeded', 'failed'] as const;

/** One attempt of one model: the console's grid cell. */
export const adminGenerationSchema = z.object({
  id: z.string(),
  model: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  attempt: z.number().int(),
  status: z.enum(GENERATION_STATUS_VALUES),
  /** The provider that produced it, or the last one tried. */
  provider: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  tries: z.number().int(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  ttfbMs: z.number().int().nullable(),
  latencyMs: z.number().int().nullable(),
  sizeRequested: z.string(),
  sizeUsed: z.string().nullable(),
  costUsd: z.number().nullable(),
  errorClass: z.string().nullable(),
  errorMessage: z.string().nullable(),
  /** The image at the admin image route (operators only; never a battle token). */
  imageUrl: z.string().nullable(),
  disqualifiedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type AdminGeneration = z.infer<typeof adminGenerationSchema>;

/** How far a fan-out is: finished = succeeded + failed, of total. */
export const fanOutProgressSchema = z.object({
  total: z.number().int(),
  finished: z.number().int(),
  /** 0..100; 100 once nothing is pending or running. */
  percent: z.number(),
  /** Nothing pending or running (a draft has no fan-out and is not done). */
  done: z.boolean(),
});
export type FanOutProgress = z.infer<typeof fanOutProgressSchema>;

/** The whole fan-out of a challenge: its grid of models x attempts. */
export const fanOutSchema = z.object({
  challenge: adminChallengeSchema,
  progress: fanOutProgressSchema,
  generations: z.array(adminGenerationSchema),
});
export type FanOut = z.infer<typeof fanOutSchema>;

/**
 * The server-sent events of `GET /api/admin/challenges/{id}/events`, as JSON in `data`:
 * `snapshot` (a FanOut) first; then `update` with the challenge, the progress and the
 * generations that changed; `done` when nothing is left pending or running (the stream
 * ends); `error` ({ code, message }) if the server had to stop it. Comments (`: ping`) keep the
 * connection alive.
 */
export const fanOutUpdateSchema = z.object({
  challenge: adminChallengeSchema,
  progress: fanOutProgressSchema,
  generations: z.array(adminGenerationSchema),
});
export type FanOutUpdate = z.infer<typeof fanOutUpdateSchema>;
export const FAN_OUT_EVENTS = ['snapshot', 'update', 'done', 'error'] as const;
export type FanOutEvent = (typeof FAN_OUT_EVENTS)[number];

export const disqualifyInput = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
export type DisqualifyInput = z.input<typeof disqualifyInput>;
