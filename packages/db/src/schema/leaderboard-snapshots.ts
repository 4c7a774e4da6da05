import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Arena } from '@arena/core';
import { createdAt, timestamptz } from './common';
import { models } from './models';

/** One model's line in a published leaderboard. */
export interface SnapshotRow {
  modelId: string;
  rating: number;
  ciLow: number;
  ciHigh: number;
  rank: number;
  votes: number;
  wins: number;
  losses: number;
  ties: number;
  bothBad: number;
  provisional: boolean;
}

/**
 * One pair's votes in a snapshot, compactly: `[a, b, winsA, winsB, ties, bothBad]` with `a < b`
 * indexes into the snapshot's `rows`. These are the fit's sufficient statistics, so the latest
 * snapshot also answers head-to-head questions and gives matchmaking its per-pair counts.
 */
export type SnapshotPair = [number, number, number, number, number, number];

/**
 * A published leaderboard: Bradley-Terry ratings with confidence intervals for one arena and
 * scope (`overall`, a category id, or `challenge:<id>`), as computed at one moment from the
 * counted votes. The latest per (arena, scope) is served; older ones are history.
 */
export const leaderboardSnapshots = pgTable(
  'leaderboard_snapshots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    arena: text('arena').$type<Arena>().notNull(),
    scope: text('scope').notNull(),
    method: text('method').notNull(),
    computedAt: timestamptz('computed_at').notNull(),
    voteCount: integer('vote_count').notNull(),
    /** Fit settings: bootstrap rounds, seed, ridge, anchor, provisional threshold. */
    params: jsonb('params').notNull(),
    rows: jsonb('rows').$type<SnapshotRow[]>().notNull(),
    /** Kept on the latest snapshot of a scope only; cleared when a newer one is written. */
    pairs: jsonb('pairs').$type<SnapshotPair[]>(),
    /** Decisive votes won by the image shown on the left / right: position bias. */
    leftWins: integer('left_wins').notNull().default(0),
    rightWins: integer('right_wins').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('leaderboard_snapshots_latest').on(t.arena, t.scope, t.computedAt)],
);

/** Each model's published rating over time, for charts. */
export const ratingHistory = pgTable(
  'rating_history',
  {
    snapshotId: uuid('snapshot_id')
      .notNull()
      .references(() => leaderboardSnapshots.id, { onDelete: 'cascade' }),
    modelId: uuid('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    arena: text('arena').$type<Arena>().notNull(),
    scope: text('scope').notNull(),
    computedAt: timestamptz('computed_at').notNull(),
    rating: doublePrecision('rating').notNull(),
    ciLow: doublePrecision('ci_low').notNull(),
    ciHigh: doublePrecision('ci_high').notNull(),
    rank: integer('rank').notNull(),
    votes: integer('votes').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.snapshotId, t.modelId] }),
    index('rating_history_model').on(t.modelId, t.arena, t.scope, t.computedAt),
  ],
);
