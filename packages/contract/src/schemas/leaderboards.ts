import { z } from 'zod';
import { arenaSchema, categoryRefSchema, modelRefSchema } from './common';

/** Published leaderboards, the position-bias check and a model's rating over time. */

export const leaderboardRowSchema = z.object({
  rank: z.number().int().meta({
    description:
      'Bradley-Terry display rank: 1 + the models whose interval lies wholly above; shared when intervals overlap',
  }),
  model: modelRefSchema,
  rating: z.number().meta({
    description: 'Bradley-Terry rating, Elo scale (online Elo before the first snapshot)',
  }),
  ciLow: z
    .number()
    .nullable()
    .meta({ description: 'lower bound of the 95% interval; null when unrated' }),
  ciHigh: z.number().nullable(),
  provisional: z.boolean().meta({ description: 'fewer votes than the provisional threshold' }),
  elo: z.number().meta({ description: 'online Elo, updated with every vote' }),
  games: z.number().int(),
  wins: z.number().int(),
  losses: z.number().int(),
  ties: z.number().int(),
  bothBad: z.number().int(),
  winRate: z.number().nullable(),
  bothBadRate: z.number().nullable().meta({ description: 'share of its votes judged "both bad"' }),
});
export type LeaderboardRow = z.infer<typeof leaderboardRowSchema>;

export const snapshotInfoSchema = z.object({
  method: z.string().meta({ example: 'bradley-terry' }),
  computedAt: z.string(),
  votes: z.number().int().meta({ description: 'votes the snapshot was computed from' }),
  bootstrapRounds: z.number().int(),
  level: z.number(),
});
export type SnapshotInfo = z.infer<typeof snapshotInfoSchema>;

export const leaderboardSchema = z.object({
  arena: arenaSchema,
  category: categoryRefSchema.nullable(),
  votes: z.number().int(),
  /** The published snapshot the rows come from; null while only online Elo exists. */
  snapshot: snapshotInfoSchema.nullable(),
  rows: z.array(leaderboardRowSchema),
});
export type Leaderboard = z.infer<typeof leaderboardSchema>;

export const positionBiasSchema = z.object({
  arena: arenaSchema,
  category: categoryRefSchema.nullable(),
  decisive: z
    .number()
    .int()
    .meta({ description: 'votes with a winner (ties say nothing of sides)' }),
  leftWins: z.number().int(),
  rightWins: z.number().int(),
  leftShare: z.number().meta({ description: 'share of decisive votes won by the left image' }),
  low: z.number().meta({ description: '95% Wilson interval of leftShare' }),
  high: z.number(),
  biased: z.boolean().meta({ description: 'the interval excludes one half' }),
  computedAt: z.string().nullable(),
});
export type PositionBiasReport = z.infer<typeof positionBiasSchema>;

export const historyPointSchema = z.object({
  computedAt: z.string(),
  rating: z.number(),
  ciLow: z.number(),
  ciHigh: z.number(),
  rank: z.number().int(),
  votes: z.number().int(),
});

export const ratingHistorySchema = z.object({
  model: modelRefSchema,
  arena: arenaSchema,
  category: categoryRefSchema.nullable(),
  points: z.array(historyPointSchema).meta({ description: 'oldest first' }),
});
export type RatingHistory = z.infer<typeof ratingHistorySchema>;
