import { sql } from 'drizzle-orm';
import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { Arena } from '@arena/core';
import { categories } from './categories';
import { challenges } from './challenges';
import { timestamptz } from './common';
import { generations } from './generations';
import { voters } from './voters';

/**
 * A pairing the server issued to one voter: which generation sits left and which right. Image
 * tokens are random per battle, so the URLs a voter sees never repeat or name anything.
 */
export const battles = pgTable(
  'battles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    arena: text('arena').$type<Arena>().notNull(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id),
    leftGenerationId: uuid('left_generation_id')
      .notNull()
      .references(() => generations.id),
    rightGenerationId: uuid('right_generation_id')
      .notNull()
      .references(() => generations.id),
    leftImageToken: text('left_image_token').notNull().unique(),
    rightImageToken: text('right_image_token').notNull().unique(),
    voterId: uuid('voter_id')
      .notNull()
      .references(() => voters.id),
    /** The client's network as a keyed hash (see votes.address_key); null where unknown. */
    addressKey: text('address_key'),
    issuedAt: timestamptz('issued_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at').notNull(),
    /** When this battle's voter first fetched each image: a vote needs both, and time after. */
    leftSeenAt: timestamptz('left_seen_at'),
    rightSeenAt: timestamptz('right_seen_at'),
    /**
     * When the voter said both answers are on screen (a prefetched battle is fetched before it
     * is shown): the minimum viewing time counts from the latest of this and the fetches.
     */
    shownAt: timestamptz('shown_at'),
    votedAt: timestamptz('voted_at'),
  },
  (t) => [
    index('battles_voter_issued').on(t.voterId, t.issuedAt),
    // Screening reads the battles one network was issued, voted or not (selectivity).
    index('battles_address_issued')
      .on(t.addressKey, t.issuedAt)
      .where(sql`${t.addressKey} is not null`),
  ],
);
