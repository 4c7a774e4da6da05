import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { Arena } from '@arena/core';
import { categories } from './categories';
import { challenges } from './challenges';
import { createdAt, timestamptz } from './common';
import { operators } from './operators';
import { voters } from './voters';
import { votes } from './votes';

/**
 * Votes left out: voided by an operator (one, or all of a voter's), or taken back by their
 * voter moments after voting (an undo). Votes stay append-only: a void is its own row, and
 * every leaderboard leaves voided votes out.
 */
export const voteVoids = pgTable('vote_voids', {
  voteId: uuid('vote_id')
    .primaryKey()
    .references(() => votes.id),
  operatorId: uuid('operator_id').references(() => operators.id),
  /** The voter who took the vote back (an undo); null when an operator voided it. */
  undoneBy: uuid('undone_by').references(() => voters.id),
  reason: text('reason'),
  createdAt: createdAt(),
});

export const SUGGESTION_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/** A challenge a voter suggested from the site, waiting for an operator's decision. */
export const challengeSuggestions = pgTable(
  'challenge_suggestions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    arena: text('arena').$type<Arena>().notNull(),
    categoryId: uuid('category_id').references(() => categories.id),
    prompt: text('prompt').notNull(),
    voterId: uuid('voter_id').references(() => voters.id),
    /** The suggesting client's network as a keyed hash (as on votes), for limits. */
    addressKey: text('address_key'),
    status: text('status').$type<SuggestionStatus>().notNull().default('pending'),
    /** The draft an accepted suggestion became. */
    challengeId: uuid('challenge_id').references(() => challenges.id),
    decidedBy: uuid('decided_by').references(() => operators.id),
    decidedAt: timestamptz('decided_at'),
    createdAt: createdAt(),
  },
  (t) => [index('challenge_suggestions_status').on(t.status, t.createdAt)],
);
