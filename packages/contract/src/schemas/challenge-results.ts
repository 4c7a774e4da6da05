import { z } from 'zod';
import { arenaSchema, categoryRefSchema, modelRefSchema } from './common';

/** A closed challenge's published results: its own leaderboard and every attempt. */

export const attemptResultSchema = z.object({
  attempt: z.number().int(),
  imageUrl: z.string(),
  games: z.number().int(),
  wins: z.number().int(),
  losses: z.number().int(),
  ties: z.number().int(),
  bothBad: z.number().int(),
  score: z.number().meta({
    description:
      '(wins + half the ties and both-bad + 1) / (games + 2): a win rate shrunk toward one half',
  }),
});
export type AttemptResult = z.infer<typeof attemptResultSchema>;

export const challengeRefSchema = z.object({
  slug: z.string(),
  title: z.string(),
  prompt: z.string(),
  arena: arenaSchema,
  category: categoryRefSchema,
  status: z.string(),
  closedAt: z.string().nullable(),
  sourceImageUrl: z.string().nullable().meta({
    description: 'the image an editing challenge asks the models to edit; null for text-to-image',
  }),
});
export type ChallengeRef = z.infer<typeof challengeRefSchema>;

export const challengeLeaderboardRowSchema = z.object({
  rank: z.number().int(),
  model: modelRefSchema,
  rating: z.number(),
  ciLow: z.number(),
  ciHigh: z.number(),
  provisional: z.boolean(),
  games: z.number().int(),
  wins: z.number().int(),
  losses: z.number().int(),
  ties: z.number().int(),
  bothBad: z.number().int(),
  winRate: z.number().nullable(),
  bestAttempt: attemptResultSchema.nullable().meta({ description: 'shown for display' }),
  attempts: z.array(attemptResultSchema).meta({ description: 'every attempt: the gallery' }),
});

export const challengeLeaderboardSchema = z.object({
  challenge: challengeRefSchema,
  votes: z.number().int(),
  computedAt: z.string().nullable(),
  rows: z.array(challengeLeaderboardRowSchema),
});
export type ChallengeLeaderboard = z.infer<typeof challengeLeaderboardSchema>;
