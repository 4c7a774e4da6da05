import { z } from 'zod';
import { attemptResultSchema, challengeRefSchema } from './challenge-results';
import { arenaSchema, categoryRefSchema, modelRefSchema } from './common';

/** What a model page shows: standings, challenge results, head-to-head and best-for. */

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
  gallery: z
    .array(attemptResultSchema)
    .meta({ description: 'every attempt shown in the results, in attempt order' }),
});
export type ChallengeResult = z.infer<typeof challengeResultSchema>;

/** What the catalog says about a model, for the header of its page. */
export const modelProfileSchema = z.object({
  family: z.string().nullable().meta({ description: 'the family readers group it under' }),
  tags: z.array(z.string()),
  description: z.string().nullable(),
  notes: z.string().nullable().meta({ description: "the catalog's remarks, e.g. its limits" }),
  modelRef: z.string().nullable(),
  releasedAt: z.string().nullable().meta({ description: 'YYYY-MM or YYYY-MM-DD' }),
  arenas: z.array(arenaSchema),
});
export type ModelProfile = z.infer<typeof modelProfileSchema>;

export const modelResultsSchema = z.object({
  model: modelRefSchema,
  profile: modelProfileSchema,
  arenas: z.array(arenaStandingSchema).meta({ description: 'standing in each arena overall' }),
  challenges: z
    .array(challengeResultSchema)
    .meta({ description: 'closed challenges only: results are published when a challenge closes' }),
});
export type ModelResults = z.infer<typeof modelResultsSchema>;

/** The part of a matchup played on one closed challenge. */
export const matchupChallengeSchema = z.object({
  slug: z.string(),
  title: z.string(),
  wins: z.number().int(),
  losses: z.number().int(),
  ties: z.number().int().meta({ description: 'ties and both-bad' }),
});
export type MatchupChallenge = z.infer<typeof matchupChallengeSchema>;

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
  challenges: z.array(matchupChallengeSchema).meta({
    description:
      'the closed challenges this pair met on, most played first; open ones stay blind and are left out',
  }),
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
