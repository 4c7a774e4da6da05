import { bigint, boolean, doublePrecision, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { Arena, VoteOutcome } from '@arena/core';
import { createdAt } from './common';

/**
 * Online Elo steps waiting to be applied to `ratings`, one per counted vote and scope. A vote
 * writes its step here instead of updating the rating rows, which every vote would otherwise
 * lock in turn (the arena's overall rows are touched by all of them); one consumer drains the
 * table in id order and adds each model's steps to its row in one statement. `delta` is the
 * change the voter was shown, for the left model; the right one moves by its negative.
 */
export const ratingChanges = pgTable('rating_changes', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  voteId: uuid('vote_id').notNull(),
  arena: text('arena').$type<Arena>().notNull(),
  scope: text('scope').notNull(),
  leftModelId: uuid('left_model_id').notNull(),
  rightModelId: uuid('right_model_id').notNull(),
  outcome: text('outcome').$type<VoteOutcome>().notNull(),
  delta: doublePrecision('delta').notNull(),
  /**
   * Takes back an earlier step of the same vote (an undo or a void): `delta` is already
   * negated, and the game and its result are subtracted from the counts.
   */
  reverses: boolean('reverses').notNull().default(false),
  createdAt: createdAt(),
});
