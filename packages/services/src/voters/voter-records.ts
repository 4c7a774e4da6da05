import type { Arena, IssuedBattle, ScreenedVote } from '@arena/core';
import { battles, generations, models, voters, votes } from '@arena/db';
import { aliasedTable, and, asc, eq, inArray, isNotNull, lte, or, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/** What screening judges of one voter in one arena, models named by slug. */
export interface ArenaRecord {
  votes: ScreenedVote[];
  battles: IssuedBattle[];
}

/** Per voter id, per arena. */
export type VoterRecords = Map<string, Map<Arena, ArenaRecord>>;

/** Votes and battles after the voter's clearance, if any: earlier ones an operator vouched for. */
const sinceClearance = (at: typeof votes.createdAt | typeof battles.issuedAt) =>
  sql`(${voters.clearedAt} is null or ${at} > ${voters.clearedAt})`;

/**
 * The records of some voters, read on their own indexes (votes_voter_created,
 * battles_voter_issued): their counted votes in the order cast, and the battles issued to them,
 * voted or not. A battle still open may yet be voted, so only voted or expired ones count as
 * issued: a battle on screen right now is not a skipped one.
 */
export async function loadVoterRecords(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { voterIds: readonly string[] },
): Promise<VoterRecords> {
  const { voterIds } = input;
  const records: VoterRecords = new Map();
  if (voterIds.length === 0) return records;
  const slugRows = await ctx.db.select({ id: models.id, slug: models.slug }).from(models);
  const slug = new Map(slugRows.map((row) => [row.id, row.slug]));
  const recordOf = (voterId: string, arena: Arena): ArenaRecord => {
    const byArena = records.get(voterId) ?? new Map<Arena, ArenaRecord>();
    records.set(voterId, byArena);
    const record = byArena.get(arena) ?? { votes: [], battles: [] };
    byArena.set(arena, record);
    return record;
  };

  const voteRows = await ctx.db
    .select({
      voterId: votes.voterId,
      arena: votes.arena,
      left: votes.leftModelId,
      right: votes.rightModelId,
      outcome: votes.outcome,
    })
    .from(votes)
    .innerJoin(voters, eq(voters.id, votes.voterId))
    .where(
      and(
        inArray(votes.voterId, [...voterIds]),
        eq(votes.counted, true),
        sinceClearance(votes.createdAt),
      ),
    )
    .orderBy(asc(votes.voterId), asc(votes.createdAt), asc(votes.id));
  for (const row of voteRows) {
    recordOf(row.voterId, row.arena).votes.push({
      left: slug.get(row.left)!,
      right: slug.get(row.right)!,
      outcome: row.outcome,
    });
  }

  const leftGeneration = aliasedTable(generations, 'left_generation');
  const rightGeneration = aliasedTable(generations, 'right_generation');
  const battleRows = await ctx.db
    .select({
      voterId: battles.voterId,
      arena: battles.arena,
      left: leftGeneration.modelId,
      right: rightGeneration.modelId,
      votedAt: battles.votedAt,
    })
    .from(battles)
    .innerJoin(voters, eq(voters.id, battles.voterId))
    .innerJoin(leftGeneration, eq(leftGeneration.id, battles.leftGenerationId))
    .innerJoin(rightGeneration, eq(rightGeneration.id, battles.rightGenerationId))
    .where(
      and(
        inArray(battles.voterId, [...voterIds]),
        sinceClearance(battles.issuedAt),
        or(isNotNull(battles.votedAt), lte(battles.expiresAt, ctx.now())),
      ),
    );
  for (const row of battleRows) {
    recordOf(row.voterId, row.arena).battles.push({
      left: slug.get(row.left)!,
      right: slug.get(row.right)!,
      voted: row.votedAt !== null,
    });
  }
  return records;
}
