import { z } from 'zod';
import { arenaSchema, modelRefSchema } from './common';

/** The voter's own leaderboard, fitted from their votes alone, beside the public one. */

export const myRatingSchema = z.object({
  rank: z.number().int().meta({
    description: 'position by your rating among the models you have judged (ties share one)',
  }),
  rating: z.number().meta({ description: 'Bradley-Terry rating from your votes, Elo scale' }),
  votes: z.number().int().meta({ description: 'your counted votes with this model in them' }),
  wins: z.number().int(),
  losses: z.number().int(),
  ties: z.number().int(),
  bothBad: z.number().int(),
});

export const crowdRatingSchema = z.object({
  rank: z.number().int().meta({
    description: "position by the crowd's rating among the models you have judged",
  }),
  boardRank: z.number().int().meta({
    description: 'display rank on the public leaderboard (shared when intervals overlap)',
  }),
  rating: z.number().meta({ description: 'published Bradley-Terry rating, Elo scale' }),
});

export const myLeaderboardRowSchema = z.object({
  model: modelRefSchema,
  yours: myRatingSchema,
  /** Null when the public leaderboard does not rate the model yet. */
  crowd: crowdRatingSchema.nullable(),
});
export type MyLeaderboardRow = z.infer<typeof myLeaderboardRowSchema>;

export const agreementSchema = z.object({
  models: z.number().int().meta({ description: 'models both you and the crowd rate' }),
  pairs: z.number().int().meta({
    description: 'pairs of those models that both you and the crowd put in a strict order',
  }),
  agreeing: z.number().int().meta({ description: 'of those pairs, ordered the same way' }),
  kendallTau: z.number().meta({
    description: "Kendall's tau-b between your ratings and the crowd's: 1 same order, -1 reversed",
  }),
});
export type Agreement = z.infer<typeof agreementSchema>;

export const myLeaderboardSchema = z.object({
  arena: arenaSchema,
  votes: z.number().int().meta({
    description: 'your counted votes in this arena (undone and voided votes left out)',
  }),
  required: z
    .number()
    .int()
    .meta({ description: 'counted votes needed before your leaderboard is fitted', example: 20 }),
  /** Your leaderboard, best first; empty until `votes` reaches `required`. */
  rows: z.array(myLeaderboardRowSchema),
  /** How your order agrees with the crowd's; null before your leaderboard or the public one. */
  agreement: agreementSchema.nullable(),
  /** When the public leaderboard compared against was computed; null before the first one. */
  crowdComputedAt: z.string().nullable(),
});
export type MyLeaderboard = z.infer<typeof myLeaderboardSchema>;

export const myLeaderboardQuery = z.object({ arena: arenaSchema });
