import { boolean, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import type { ResolutionTier, SizeSupport } from '@arena/core';
import { createdAt, updatedAt } from './common';
import { models } from './models';
import { providers } from './providers';

/** USD per image by resolution tier; a tier the provider does not price is absent. */
export type TierPrices = Partial<Record<ResolutionTier, number>>;

/** A model as served by one provider: the provider's id for it, its prices and its priority. */
export const offerings = pgTable(
  'offerings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id, { onDelete: 'cascade' }),
    providerModelId: text('provider_model_id').notNull(),
    prices: jsonb('prices').$type<TierPrices>().notNull().default({}),
    /** Free-text pricing the tiers cannot express, e.g. "web search +$0.015 per request". */
    pricingNotes: text('pricing_notes'),
    /** Output sizes the provider accepts for this model; adapters guess from the id when null. */
    sizeSupport: jsonb('size_support').$type<SizeSupport>(),
    /** Lower runs first. */
    priority: integer('priority').notNull().default(100),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('offerings_model_provider').on(t.modelId, t.providerId)],
);
