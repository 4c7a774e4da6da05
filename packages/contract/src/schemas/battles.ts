import { z } from 'zod';
import { arenaSchema, categoryRefSchema, modelRefSchema, outcomeSchema } from './common';

/** A blind battle and the vote that reveals it. */

export const battleRequestSchema = z
  .object({
    arena: arenaSchema,
    category: z.string().min(1).max(80).optional().meta({ description: 'category slug' }),
  })
  .strict();
export type BattleRequest = z.infer<typeof battleRequestSchema>;

export const battleSideSchema = z.object({ imageUrl: z.string() });

export const battleSchema = z.object({
  id: z.string(),
  arena: arenaSchema,
  challenge: z.object({
    title: z.string(),
    prompt: z.string(),
    category: categoryRefSchema,
    sourceImageUrl: z.string().nullable(),
  }),
  left: battleSideSchema,
  right: battleSideSchema,
  issuedAt: z.string(),
  expiresAt: z.string(),
  minViewMs: z.number().int(),
});
export type Battle = z.infer<typeof battleSchema>;

export const voteRequestSchema = z.object({ outcome: outcomeSchema }).strict();
export type VoteRequest = z.infer<typeof voteRequestSchema>;

export const ratingChangeSchema = z.object({
  before: z.number(),
  after: z.number(),
  delta: z.number(),
});
export type RatingChange = z.infer<typeof ratingChangeSchema>;

export const revealSideSchema = z.object({
  model: modelRefSchema,
  overall: ratingChangeSchema,
  category: ratingChangeSchema,
});
export type RevealSide = z.infer<typeof revealSideSchema>;

export const voteResultSchema = z.object({
  battleId: z.string(),
  outcome: outcomeSchema,
  counted: z.boolean(),
  category: categoryRefSchema,
  left: revealSideSchema,
  right: revealSideSchema,
  /** Until when the voter may take the vote back (POST /api/battles/{id}/vote/undo). */
  undoUntil: z.string().datetime(),
});
export type VoteResult = z.infer<typeof voteResultSchema>;

export const battleShownSchema = z.object({
  battleId: z.string(),
  /** From when the minimum viewing time counts. */
  shownAt: z.string().datetime(),
});
export type BattleShown = z.infer<typeof battleShownSchema>;

export const voteUndoResultSchema = z.object({
  battleId: z.string(),
  undone: z.literal(true),
  /** Whether the vote had counted (and its rating changes are now reversed). */
  counted: z.boolean(),
});
export type VoteUndoResult = z.infer<typeof voteUndoResultSchema>;
