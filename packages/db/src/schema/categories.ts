import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { Arena } from '@arena/core';
import { createdAt } from './common';

/** A category groups challenges of one arena (e.g. "logo & typography") and has its own ratings. */
export const categories = pgTable('categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  arena: text('arena').$type<Arena>().notNull(),
  description: text('description'),
  createdAt: createdAt(),
});
