import { doublePrecision, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import type { Arena } from '@arena/core';
import { updatedAt } from './common';
import { models } from './models';

/**
 * Online Elo per arena x scope x model. `scope` is `overall` or a category id. Votes queue their
 * steps in `rating_changes`; the ratings consumer adds them here, a model's steps in one update.
 */
export const ratings = pgTable(
  'ratings',
  {
    arena: text('arena').$type<Arena>().notNull(),
    scope: text('scope').notNull(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    rating: doublePrecision('rating').notNull(),
    games: integer('games').notNull().default(0),
    wins: integer('wins').notNull().default(0),
    losses: integer('losses').notNull().default(0),
    ties: integer('ties').notNull().default(0),
    bothBad: integer('both_bad').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.arena, t.scope, t.modelId] })],
);
