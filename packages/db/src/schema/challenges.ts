import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { Arena, AspectRatio, ChallengeStatus, ResolutionTier } from '@arena/core';
import { categories } from './categories';
import { createdAt, timestamptz, updatedAt } from './common';
import { images } from './images';

/**
 * A prompt (and for editing, a source image) that every model of the arena answers three times.
 * draft -> generating -> voting -> closed; `failed` when generation ended with fewer than two
 * models to compare (an operator can retry).
 */
export const challenges = pgTable(
  'challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    arena: text('arena').$type<Arena>().notNull(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id),
    prompt: text('prompt').notNull(),
    sourceImageId: text('source_image_id').references(() => images.id),
    aspectRatio: text('aspect_ratio').$type<AspectRatio>().notNull().default('1:1'),
    resolution: text('resolution').$type<ResolutionTier>().notNull().default('1K'),
    status: text('status').$type<ChallengeStatus>().notNull().default('draft'),
    launchedAt: timestamptz('launched_at'),
    openedAt: timestamptz('opened_at'),
    closedAt: timestamptz('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('challenges_arena_status').on(t.arena, t.status)],
);
