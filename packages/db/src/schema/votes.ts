import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { Arena, VoteOutcome } from '@arena/core';
import { battles } from './battles';
import { createdAt } from './common';

/**
 * Append-only record of every vote (a trigger refuses UPDATE and DELETE). Model ids are copied
 * from the battle so that exports and offline refits need no joins. `counted` is false for
 * votes kept for audit but excluded from ratings.
 *
 * Only the battle is a foreign key. The vote statement copies the voter, challenge, category,
 * generations and models from the battle row it locks, whose own foreign keys (and the
 * generations') already hold them; checking them again cost every vote seven more row locks,
 * on rows every vote shares (the models, the challenge), and a quarter of its WAL.
 */
export const votes = pgTable(
  'votes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    battleId: uuid('battle_id')
      .notNull()
      .unique()
      .references(() => battles.id),
    voterId: uuid('voter_id').notNull(),
    arena: text('arena').$type<Arena>().notNull(),
    challengeId: uuid('challenge_id').notNull(),
    categoryId: uuid('category_id').notNull(),
    leftModelId: uuid('left_model_id').notNull(),
    rightModelId: uuid('right_model_id').notNull(),
    leftGenerationId: uuid('left_generation_id').notNull(),
    rightGenerationId: uuid('right_generation_id').notNull(),
    outcome: text('outcome').$type<VoteOutcome>().notNull(),
    /** Milliseconds between the battle being issued and the vote. */
    decisionMs: integer('decision_ms').notNull(),
    counted: boolean('counted').notNull().default(true),
    /**
     * The client's network (an IPv4 address, an IPv6 /64) as a keyed hash: never the address
     * itself. Screening judges the votes of one network together, whatever cookies they
     * carried. Null where no address was known.
     */
    addressKey: text('address_key'),
    flags: text('flags').array().notNull().default([]),
    /**
     * The online Elo step the voter was shown for the left model, overall and in the category
     * (the right one moved by its negative); null when the vote did not count. Kept so that an
     * undo or a void can reverse exactly what the vote added.
     */
    overallDelta: doublePrecision('overall_delta'),
    categoryDelta: doublePrecision('category_delta'),
    createdAt: createdAt(),
  },
  (t) => [
    index('votes_arena_created').on(t.arena, t.createdAt),
    // The leaderboard job's GROUP BY, answered by an index-only scan already in group order:
    // no hash table, no sort, and a fifth of the table's size (btree deduplication).
    index('votes_tally')
      .on(t.arena, t.challengeId, t.leftModelId, t.rightModelId, t.outcome)
      .where(sql`${t.counted}`),
    // Per-attempt records (a challenge's best attempt) read a generation's votes.
    index('votes_left_generation').on(t.leftGenerationId),
    index('votes_right_generation').on(t.rightGenerationId),
    // Screening reads one voter's votes; excluding suspected voters subtracts theirs.
    index('votes_voter_created').on(t.voterId, t.createdAt),
    // Screening reads one network's votes.
    index('votes_address_created')
      .on(t.addressKey, t.createdAt)
      .where(sql`${t.addressKey} is not null`),
  ],
);
