import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, timestamptz } from './common';

/** An anonymous voter, known only by the signed cookie that carries this id. */
export const voters = pgTable('voters', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Flags that make this voter's votes not count, e.g. `blocked`. */
  flags: text('flags').array().notNull().default([]),
  createdAt: createdAt(),
  lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
});
