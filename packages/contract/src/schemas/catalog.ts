import { z } from 'zod';
import { arenaSchema, categoryRefSchema, modelRefSchema } from './common';

/** The public catalog: categories, models and challenges. */

export const categorySchema = categoryRefSchema.extend({
  arena: arenaSchema,
  description: z.string().nullable(),
  challenges: z.number().int(),
});
export type Category = z.infer<typeof categorySchema>;
export const categoryListSchema = z.object({ categories: z.array(categorySchema) });

export const modelSummarySchema = modelRefSchema.extend({
  arenas: z.array(arenaSchema),
  modelRef: z.string().nullable(),
  releasedAt: z.string().nullable(),
  active: z.boolean(),
  /** When the model was retired: its history and ratings stay, it gets no new challenges. */
  retiredAt: z.string().nullable(),
});
export type ModelSummary = z.infer<typeof modelSummarySchema>;
export const modelListSchema = z.object({ models: z.array(modelSummarySchema) });

export const challengeSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  arena: arenaSchema,
  category: categoryRefSchema,
  prompt: z.string(),
  status: z.string(),
  size: z.string(),
  generations: z.object({
    total: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    pending: z.number().int(),
  }),
  votes: z.number().int().meta({
    description: 'counted votes: published with the results once closed, counted live while open',
  }),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  winner: modelRefSchema.nullable().meta({
    description: "a closed challenge's top-rated model in its own leaderboard; null while open",
  }),
});
export type ChallengeSummary = z.infer<typeof challengeSummarySchema>;
export const challengeListSchema = z.object({ challenges: z.array(challengeSummarySchema) });
