import { boolean, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { ProviderKind } from '@arena/core';
import { createdAt, updatedAt } from './common';

/**
 * A service that runs models behind an API. The row names the environment variable that holds
 * the key, never the key itself.
 */
export const providers = pgTable('providers', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind').$type<ProviderKind>().notNull(),
  baseUrl: text('base_url'),
  apiKeyEnv: text('api_key_env'),
  enabled: boolean('enabled').notNull().default(true),
  /** Calls in flight at once, across all workers. */
  concurrency: integer('concurrency').notNull().default(4),
  /** Calls started per minute, across all workers; null for no limit. */
  ratePerMinute: integer('rate_per_minute'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
