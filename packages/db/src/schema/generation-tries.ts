import { boolean, index, integer, numeric, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, timestamptz } from './common';
import { generations } from './generations';
import { providers } from './providers';

export const TRY_OUTCOMES = ['running', 'succeeded', 'failed'] as const;
export type TryOutcome = (typeof TRY_OUTCOMES)[number];

/**
 * Every call made to a provider for a generation, with its timings: the raw material of the
 * provider-performance figures. A provider's request id is stored before polling so that a
 * retried job resumes the same paid request.
 */
export const generationTries = pgTable(
  'generation_tries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    generationId: uuid('generation_id')
      .notNull()
      .references(() => generations.id, { onDelete: 'cascade' }),
    tryNo: integer('try_no').notNull(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    outcome: text('outcome').$type<TryOutcome>().notNull().default('running'),
    providerRequestId: text('provider_request_id'),
    /**
     * The provider gave a final answer for the request id (success or failure), so a retry
     * must start a new request instead of resuming this one.
     */
    requestSettled: boolean('request_settled').notNull().default(false),
    /** Whether this try resumed an earlier try's request instead of paying for a new one. */
    resumed: boolean('resumed').notNull().default(false),
    sizeUsed: text('size_used'),
    /** The resolution tier produced, which prices the try. */
    resolution: text('resolution'),
    httpStatus: integer('http_status'),
    errorClass: text('error_class'),
    errorMessage: text('error_message'),
    startedAt: timestamptz('started_at').notNull(),
    ttfbMs: integer('ttfb_ms'),
    latencyMs: integer('latency_ms'),
    bytes: integer('bytes'),
    costUsd: numeric('cost_usd', { precision: 12, scale: 6, mode: 'number' }),
    finishedAt: timestamptz('finished_at'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('generation_tries_generation_try').on(t.generationId, t.tryNo),
    index('generation_tries_provider_started').on(t.providerId, t.startedAt),
  ],
);
