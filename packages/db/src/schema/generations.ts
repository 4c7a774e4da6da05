import {
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  smallint,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { challenges } from './challenges';
import { createdAt, timestamptz, updatedAt } from './common';
import { images } from './images';
import { models } from './models';
import { offerings } from './offerings';
import { providers } from './providers';

export const GENERATION_STATUSES = ['pending', 'running', 'succeeded', 'failed'] as const;
export type GenerationStatus = (typeof GENERATION_STATUSES)[number];
export const TERMINAL_GENERATION_STATUSES = ['succeeded', 'failed'] as const;

/** Each model answers each challenge three times. */
export const ATTEMPTS_PER_MODEL = 3;

/**
 * One answer of one model to one challenge. The unique (challenge, model, attempt) key is what
 * makes a job that runs twice write one row.
 */
export const generations = pgTable(
  'generations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    modelId: uuid('model_id')
      .notNull()
      .references(() => models.id),
    attempt: smallint('attempt').notNull(),
    status: text('status').$type<GenerationStatus>().notNull().default('pending'),
    /** The provider that produced the image (the last one tried when failed). */
    providerId: uuid('provider_id').references(() => providers.id),
    offeringId: uuid('offering_id').references(() => offerings.id),
    imageId: text('image_id').references(() => images.id),
    /**
     * The image's length as battles serve it (untinted, unpadded): every battle image of the
     * challenge is padded above the largest, so a length says nothing about the model.
     */
    servingBytes: integer('serving_bytes'),
    seed: integer('seed').notNull(),
    sizeRequested: text('size_requested').notNull(),
    sizeUsed: text('size_used'),
    /** How the requested ratio and tier mapped onto what the model supports. */
    sizeMapping: jsonb('size_mapping').$type<{
      requested: { size: string; aspectRatio: string; resolution: string };
      used: { size: string; aspectRatio: string; resolution: string };
      exact: boolean;
    }>(),
    tries: integer('tries').notNull().default(0),
    errorClass: text('error_class'),
    errorMessage: text('error_message'),
    startedAt: timestamptz('started_at'),
    ttfbMs: integer('ttfb_ms'),
    latencyMs: integer('latency_ms'),
    finishedAt: timestamptz('finished_at'),
    /**
     * The worker running it (its process id) and until when: renewed while its provider call
     * runs, cleared when the run ends. A lapsed lease means that worker died.
     */
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamptz('lease_expires_at'),
    costUsd: numeric('cost_usd', { precision: 12, scale: 6, mode: 'number' }),
    /**
     * An operator's disqualification (the image breaks the challenge's rules): out of
     * battles and out of the challenge's results.
     */
    disqualifiedAt: timestamptz('disqualified_at'),
    disqualifiedBy: uuid('disqualified_by'),
    /** Moderation: hidden from battles and galleries (results and past votes keep it). */
    hiddenAt: timestamptz('hidden_at'),
    hiddenBy: uuid('hidden_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('generations_challenge_model_attempt').on(t.challengeId, t.modelId, t.attempt),
    index('generations_status').on(t.status),
  ],
);
