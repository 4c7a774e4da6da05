import { VOTER_FLAGS } from '@arena/core';
import { z } from 'zod';
import { arenaSchema, outcomeSchema } from './common';

/**
 * Moderation in the operator console: images hidden from battles, votes voided, voters flagged
 * or banned, and what an operator reads about one voter. Every write is audited and requests a
 * leaderboard recompute.
 */

export const voterFlagSchema = z.enum(VOTER_FLAGS).meta({
  description: 'flagged: marked for a closer look, nothing changes for the voter; blocked: banned',
});

/** A generation's visibility after hide or unhide. */
export const generationVisibilitySchema = z.object({
  id: z.string(),
  challengeId: z.string(),
  /** When it was hidden from battles and galleries; null when it is shown. */
  hiddenAt: z.string().nullable(),
  hiddenBy: z.string().nullable(),
});
export type GenerationVisibility = z.infer<typeof generationVisibilitySchema>;

export const voidVotesInput = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .meta({ description: 'why, kept with the void and in the audit log' }),
  })
  .strict();
export type VoidVotesInput = z.infer<typeof voidVotesInput>;

export const voidedVoteSchema = z.object({
  voteId: z.string(),
  voidedAt: z.string(),
  voidedBy: z.string().nullable(),
  reason: z.string().nullable(),
});
export type VoidedVote = z.infer<typeof voidedVoteSchema>;

export const voidedVoterVotesSchema = z.object({
  voterId: z.string(),
  /** Votes voided by this request. */
  voided: z.number().int(),
  /** Votes of the voter that were voided before. */
  alreadyVoided: z.number().int(),
});
export type VoidedVoterVotes = z.infer<typeof voidedVoterVotesSchema>;

/** A voter's flags after flag, unflag, ban or unban. */
export const moderatedVoterSchema = z.object({
  id: z.string(),
  flags: z.array(z.string()),
  flagged: z.boolean(),
  banned: z.boolean(),
});
export type ModeratedVoter = z.infer<typeof moderatedVoterSchema>;

/** The integrity work's screening of a voter (voters.suspected_at, suspicion, cleared_at). */
export const voterScreeningSchema = z.object({
  suspectedAt: z.string().nullable(),
  reasons: z.array(z.string()),
  clearedAt: z.string().nullable(),
  /** Suspected and not cleared since: their votes are off the boards. */
  excluded: z.boolean(),
});

export const voterSummarySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  flags: z.array(z.string()),
  flagged: z.boolean(),
  banned: z.boolean(),
  votesCast: z.number().int(),
  screening: voterScreeningSchema,
});
export type VoterSummary = z.infer<typeof voterSummarySchema>;

export const voterSummariesSchema = z.object({ voters: z.array(voterSummarySchema) });
export type VoterSummaries = z.infer<typeof voterSummariesSchema>;

export const voterListQuery = z.object({
  flag: voterFlagSchema.optional(),
  suspected: z.enum(['true', 'false']).optional().meta({
    description: 'true: suspected by screening and not cleared since; false: the others',
  }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const modelNameSchema = z.object({ id: z.string(), slug: z.string(), name: z.string() });

export const reportedVoteSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  arena: arenaSchema,
  challenge: z.object({ id: z.string(), slug: z.string(), title: z.string() }),
  left: modelNameSchema,
  right: modelNameSchema,
  outcome: outcomeSchema,
  decisionMs: z.number().int(),
  /** Counts on the leaderboards now: counted when cast, not voided, not set aside. */
  counted: z.boolean(),
  void: z.object({ at: z.string(), reason: z.string().nullable() }).nullable(),
});
export type ReportedVote = z.infer<typeof reportedVoteSchema>;

export const voterReportSchema = voterSummarySchema.extend({
  votes: z.object({
    total: z.number().int(),
    /** On the leaderboards now. */
    counted: z.number().int(),
    voided: z.number().int(),
    /** Not voided, but kept off the boards: not counted when cast, screening, or a ban. */
    setAside: z.number().int(),
  }),
  speed: z.object({
    /** Median time from the later image's first view to the vote; null without votes. */
    medianDecisionMs: z.number().nullable(),
  }),
  agreement: z.object({
    /** Decisive votes (left or right) between two models rated on the current overall board. */
    decisive: z.number().int(),
    /** Of those, votes for the model the board rates higher. */
    withBoard: z.number().int(),
    share: z.number().nullable(),
  }),
  recentVotes: z.array(reportedVoteSchema),
});
export type VoterReport = z.infer<typeof voterReportSchema>;
