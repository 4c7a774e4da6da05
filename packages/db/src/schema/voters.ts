import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, timestamptz } from './common';

/** Why screening flagged a voter, with the statistics behind it (shown to operators). */
export interface VoterSuspicion {
  reasons: string[];
  votes: number;
  statistics: Record<string, unknown>;
}

/** An anonymous voter, known only by the signed cookie that carries this id. */
export const voters = pgTable(
  'voters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Flags that make this voter's votes not count, e.g. `blocked`. */
    flags: text('flags').array().notNull().default([]),
    createdAt: createdAt(),
    lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
    /**
     * Set when screening finds this voter's votes suspicious: they stay stored (votes are
     * append-only) but leave the leaderboards and the open data until an operator clears them.
     */
    suspectedAt: timestamptz('suspected_at'),
    suspicion: jsonb('suspicion').$type<VoterSuspicion>(),
    /** An operator's clearance; screening then judges only votes cast after it. */
    clearedAt: timestamptz('cleared_at'),
    clearedBy: uuid('cleared_by'),
    /** Since when this voter's further votes need a passed human check to count. */
    humanCheckRequiredAt: timestamptz('human_check_required_at'),
    humanCheckedAt: timestamptz('human_checked_at'),
    /**
     * Votes this voter has cast, counted by a trigger on votes (migration 0004), and how many of
     * them screening had seen when it last judged the voter: the screening watermark. A counter
     * rather than a time, so a vote that commits late is never skipped.
     */
    votesCast: integer('votes_cast').notNull().default(0),
    votesScreened: integer('votes_screened').notNull().default(0),
  },
  (t) => [
    // The few suspected voters, read by every recompute and export.
    index('voters_suspected')
      .on(t.id)
      .where(sql`${t.suspectedAt} is not null`),
    // The voters with votes screening has not seen: the only ones a recompute screens.
    index('voters_unscreened')
      .on(t.id)
      .where(sql`${t.votesCast} > ${t.votesScreened}`),
    // The few banned voters, left out of every recompute and export.
    index('voters_banned')
      .on(t.id)
      .where(sql`${t.flags} && array['blocked']::text[]`),
  ],
);
