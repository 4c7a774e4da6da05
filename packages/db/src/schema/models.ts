import { boolean, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { Arena, DemoTraits } from '@arena/core';
import { createdAt, timestamptz, updatedAt } from './common';

/** An image model as readers know it (e.g. "Nano Banana 2"), independent of who serves it. */
export const models = pgTable('models', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  creator: text('creator').notNull(),
  /** The creator's own identifier, e.g. `gemini-2.5-flash-image`. */
  modelRef: text('model_ref'),
  releasedAt: text('released_at'),
  arenas: text('arenas').array().$type<Arena[]>().notNull(),
  active: boolean('active').notNull().default(true),
  notes: text('notes'),
  /** The model family readers group it under (e.g. "Imagen"); null when it stands alone. */
  family: text('family'),
  tags: text('tags').array().notNull().default([]),
  /** What the model page says about it. */
  description: text('description'),
  /**
   * When an operator retired it: no new challenges fan out to it, its history and ratings
   * stay and its pages say it is retired.
   */
  retiredAt: timestamptz('retired_at'),
  demo: jsonb('demo').$type<DemoTraits>(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
