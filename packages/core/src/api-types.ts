import { z } from 'zod';
import { ARENAS } from './arenas';
import { VOTE_OUTCOMES } from './outcomes';

/**
 * Wire shapes of the public API, shared by the server (validation, OpenAPI) and the web client
 * (types only). Field names are camelCase on the wire.
 */
export const arenaSchema = z.enum(ARENAS).meta({ example: 'text-to-image' });
export const outcomeSchema = z.enum(VOTE_OUTCOMES).meta({ example: 'left' });

export const errorBodySchema = z.object({
  code: z.string().meta({ example: 'battle_expired' }),
  message: z.string(),
  requestId: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const modelRefSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  creator: z.string(),
});
export type ModelRef = z.infer<typeof modelRefSchema>;

export const categoryRefSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
});
export type CategoryRef = z.infer<typeof categoryRefSchema>;

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
});
export type VoteResult = z.infer<typeof voteResultSchema>;

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

export const categorySchema = categoryRefSchema.extend({
  arena: arenaSchema,
  description: z.string().nullable(),
  challenges: z.number().int(),
});
export type Category = z.infer<typeof categorySchema>;

export const modelSummarySchema = modelRefSchema.extend({
  arenas: z.array(arenaSchema),
  modelRef: z.string().nullable(),
  releasedAt: z.string().nullable(),
  active: z.boolean(),
});
export type ModelSummary = z.infer<typeof modelSummarySchema>;

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
});
export type ChallengeSummary = z.infer<typeof challengeSummarySchema>;

export const providerPerformanceSchema = z.object({
  requests: z.number().int(),
  succeeded: z.number().int(),
  successRate: z.number().nullable(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  ttfbP50Ms: z.number().nullable(),
});

export const modelProvidersSchema = z.object({
  model: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  providers: z.array(
    z.object({
      provider: z.object({ slug: z.string(), name: z.string(), kind: z.string() }),
      providerModelId: z.string(),
      prices: z
        .record(z.string(), z.number())
        .meta({ description: 'USD per image by resolution tier' }),
      pricingNotes: z.string().nullable(),
      priority: z.number().int(),
      enabled: z.boolean(),
      performance: providerPerformanceSchema.meta({ description: 'the last 30 days of calls' }),
    }),
  ),
});
export type ModelProviders = z.infer<typeof modelProvidersSchema>;
