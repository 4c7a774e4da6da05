import { z } from 'zod';
import { arenaSchema, categoryRefSchema, modelRefSchema } from './api-types';

/**
 * Wire shapes of the result views a model page and a challenge page need: rating history,
 * position bias, per-challenge results, head-to-head and best-for.
 */

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

/** A model's place in one published leaderboard: "#rank of `of`", its rating and record. */
const standingFields = {
  rank: z.number().int(),
  of: z.number().int(),
  rating: z.number(),
  ciLow: z.number(),
  ciHigh: z.number(),
  provisional: z.boolean(),
  games: z.number().int(),
  winRate: z.number().nullable(),
};

export const arenaStandingSchema = z.object({
  arena: arenaSchema,
  ...standingFields,
  bothBad: z.number().int(),
  bothBadRate: z.number().nullable().meta({
    description: 'share of its votes where voters found both images bad, reported on its own',
  }),
  computedAt: z.string(),
});

export const challengeResultSchema = z.object({
  challenge: challengeRefSchema,
  rank: z.number().int(),
  of: z.number().int().meta({ description: 'models rated in this challenge' }),
  rating: z.number(),
  ciLow: z.number(),
  ciHigh: z.number(),
  games: z.number().int(),
  attempts: z.number().int().meta({ description: 'attempts that produced an image' }),
  bestAttempt: attemptResultSchema.nullable(),
});
export type ChallengeResult = z.infer<typeof challengeResultSchema>;

export const modelResultsSchema = z.object({
  model: modelRefSchema,
  arenas: z.array(arenaStandingSchema).meta({ description: 'standing in each arena overall' }),
  challenges: z
    .array(challengeResultSchema)
    .meta({ description: 'closed challenges only: results are published when a challenge closes' }),
});
export type ModelResults = z.infer<typeof modelResultsSchema>;

export const matchupSchema = z.object({
  arena: arenaSchema,
  opponent: modelRefSchema,
  games: z.number().int(),
  wins: z.number().int(),
  losses: z.number().int(),
  ties: z.number().int(),
  bothBad: z.number().int(),
  winRate: z.number(),
  lossRate: z.number(),
  tieRate: z.number().meta({ description: 'ties and both-bad, so that the three rates sum to 1' }),
});
export type Matchup = z.infer<typeof matchupSchema>;

export const headToHeadSchema = z.object({
  model: modelRefSchema,
  challenge: challengeRefSchema.nullable(),
  matchups: z.array(matchupSchema).meta({ description: 'most played first' }),
});
export type HeadToHead = z.infer<typeof headToHeadSchema>;

export const bestForSchema = z.object({
  model: modelRefSchema,
  categories: z
    .array(
      z.object({
        arena: arenaSchema,
        category: categoryRefSchema,
        ...standingFields,
      }),
    )
    .meta({
      description:
        'established before provisional, best rank first, then the highest lower bound of the 95% interval',
    }),
});
export type BestFor = z.infer<typeof bestForSchema>;
