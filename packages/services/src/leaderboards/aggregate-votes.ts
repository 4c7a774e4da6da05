import type { Arena, SideCounts } from '@arena/core';
import { challenges, votes } from '@arena/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { loadExclusion, subtractExcluded, type Exclusion } from './excluded-votes';
import type { Names } from './scopes';

/** One count per outcome, as int4 so that the driver hands back numbers, not text to parse. */
const tallies = {
  leftWins: sql<number>`(count(*) filter (where ${votes.outcome} = 'left'))::int`,
  rightWins: sql<number>`(count(*) filter (where ${votes.outcome} = 'right'))::int`,
  ties: sql<number>`(count(*) filter (where ${votes.outcome} = 'tie'))::int`,
  bothBad: sql<number>`(count(*) filter (where ${votes.outcome} = 'both_bad'))::int`,
};

/**
 * The counted votes of the given arenas, aggregated in SQL: one row per (arena, category, left
 * model, right model) with a count per outcome. A million votes come back as about twenty
 * thousand rows; no vote is ever loaded one by one. Sides are kept (rather than folded into
 * unordered pairs here) because position bias is measured from them.
 *
 * The inner GROUP BY matches the partial index votes_tally column for column, so Postgres
 * answers it with an index-only scan already in group order: no hash table over a million
 * rows, no sort. Its few tens of thousands of rows are then folded into categories.
 *
 * Excluded voters' votes (see voters/exclusion.ts) are left out by subtracting their tallies,
 * read apart on their own index, so this scan keeps no join or filter on voters. `exclusion`
 * must come from the same snapshot of the database as this read (a repeatable-read
 * transaction); when absent it is read here, in one.
 */
export async function aggregateVotesByCategory(
  ctx: Pick<ServiceContext, 'db'>,
  input: { arenas: readonly Arena[]; names: Names; exclusion?: Exclusion },
): Promise<SideCounts[]> {
  const { arenas, names } = input;
  if (arenas.length === 0) return [];
  const { rows, exclusion } = await ctx.db.transaction(
    readConsistently(input.exclusion, async (tx) => {
      // The planner expects far fewer groups than there are: memory to fold them without spilling.
      await tx.execute(sql`set local work_mem = '32MB'`);
      const byChallenge = tx
        .select({
          challengeId: votes.challengeId,
          leftModelId: votes.leftModelId,
          rightModelId: votes.rightModelId,
          leftWins: tallies.leftWins.as('left_wins'),
          rightWins: tallies.rightWins.as('right_wins'),
          ties: tallies.ties.as('ties'),
          bothBad: tallies.bothBad.as('both_bad'),
        })
        .from(votes)
        .where(and(eq(votes.counted, true), inArray(votes.arena, [...arenas])))
        .groupBy(votes.arena, votes.challengeId, votes.leftModelId, votes.rightModelId)
        .as('by_challenge');
      const sum = (column: typeof byChallenge.leftWins) => sql<number>`sum(${column})::int`;
      // Folded on ids only: a category implies its arena, and sorting text under a collation is
      // what made this fold cost more than the scan.
      return tx
        .select({
          categoryId: challenges.categoryId,
          leftModelId: byChallenge.leftModelId,
          rightModelId: byChallenge.rightModelId,
          leftWins: sum(byChallenge.leftWins),
          rightWins: sum(byChallenge.rightWins),
          ties: sum(byChallenge.ties),
          bothBad: sum(byChallenge.bothBad),
        })
        .from(byChallenge)
        .innerJoin(challenges, eq(challenges.id, byChallenge.challengeId))
        .groupBy(challenges.categoryId, byChallenge.leftModelId, byChallenge.rightModelId);
    }),
    REPEATABLE_READ,
  );
  const counts = rows.map((row): SideCounts => ({
    arena: names.categoryArena.get(row.categoryId)!,
    category: names.categories.slug(row.categoryId),
    challenge: null,
    left: names.models.slug(row.leftModelId),
    right: names.models.slug(row.rightModelId),
    leftWins: row.leftWins,
    rightWins: row.rightWins,
    ties: row.ties,
    bothBad: row.bothBad,
  }));
  const wanted = new Set<string>(arenas);
  return subtractExcluded(
    counts,
    exclusion.tallies.filter((tally) => wanted.has(tally.arena)),
    (tally) => ({
      ...tally,
      category: names.categories.slug(names.challengeCategory.get(tally.challengeId)!),
      challenge: null,
      left: names.models.slug(tally.leftModelId),
      right: names.models.slug(tally.rightModelId),
    }),
  );
}

const REPEATABLE_READ = { isolationLevel: 'repeatable read' } as const;

type Tx = Parameters<Parameters<ServiceContext['db']['transaction']>[0]>[0];

/** Runs `read` and, unless given, reads the exclusion in the same transaction. */
function readConsistently<T>(given: Exclusion | undefined, read: (tx: Tx) => Promise<T>) {
  return async (tx: Tx): Promise<{ rows: T; exclusion: Exclusion }> => {
    const exclusion = given ?? (await loadExclusion({ db: tx }));
    return { rows: await read(tx), exclusion };
  };
}

/** The counted votes of some challenges, per (challenge, left model, right model). */
export async function aggregateChallengeVotes(
  ctx: Pick<ServiceContext, 'db'>,
  input: { challengeIds: readonly string[]; names: Names; exclusion?: Exclusion },
): Promise<SideCounts[]> {
  const { challengeIds, names } = input;
  if (challengeIds.length === 0) return [];
  const { rows, exclusion } = await ctx.db.transaction(
    readConsistently(input.exclusion, (tx) =>
      tx
        .select({
          arena: votes.arena,
          challengeId: votes.challengeId,
          leftModelId: votes.leftModelId,
          rightModelId: votes.rightModelId,
          ...tallies,
        })
        .from(votes)
        .where(and(eq(votes.counted, true), inArray(votes.challengeId, [...challengeIds])))
        .groupBy(votes.arena, votes.challengeId, votes.leftModelId, votes.rightModelId),
    ),
    REPEATABLE_READ,
  );
  const challengeName = (challengeId: string) => ({
    category: names.categories.slug(names.challengeCategory.get(challengeId)!),
    challenge: names.challenges.slug(challengeId),
  });
  const counts = rows.map((row): SideCounts => ({
    arena: row.arena,
    ...challengeName(row.challengeId),
    left: names.models.slug(row.leftModelId),
    right: names.models.slug(row.rightModelId),
    leftWins: row.leftWins,
    rightWins: row.rightWins,
    ties: row.ties,
    bothBad: row.bothBad,
  }));
  const wanted = new Set(challengeIds);
  return subtractExcluded(
    counts,
    exclusion.tallies.filter((tally) => wanted.has(tally.challengeId)),
    (tally) => ({
      ...tally,
      ...challengeName(tally.challengeId),
      left: names.models.slug(tally.leftModelId),
      right: names.models.slug(tally.rightModelId),
    }),
  );
}

/**
 * Counted votes per arena: one cheap index-only scan that tells whether anything changed. The
 * excluded voters' votes are still in it: the caller takes them off (excludedVotesByArena).
 */
export async function countedVotesByArena(
  ctx: Pick<ServiceContext, 'db'>,
): Promise<Map<Arena, number>> {
  const rows = await ctx.db
    .select({ arena: votes.arena, count: sql<number>`count(*)::int` })
    .from(votes)
    .where(eq(votes.counted, true))
    .groupBy(votes.arena);
  return new Map(rows.map((row) => [row.arena, row.count]));
}
