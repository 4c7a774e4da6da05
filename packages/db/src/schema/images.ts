import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './common';

export const IMAGE_KINDS = ['generation', 'source'] as const;
export type ImageKind = (typeof IMAGE_KINDS)[number];

/**
 * A stored, normalised image. The id is opaque and random so that it reveals nothing about the
 * model or the order in which images were made.
 */
export const images = pgTable('images', {
  id: text('id').primaryKey(),
  kind: text('kind').$type<ImageKind>().notNull(),
  sha256: text('sha256').notNull(),
  contentType: text('content_type').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  bytes: integer('bytes').notNull(),
  storageKey: text('storage_key').notNull(),
  createdAt: createdAt(),
});
