import type { Arena, IssuedBattle, ScreenedVote } from '@arena/core';
import { battles, generations, models, voters, votes } from '@arena/db';
import { aliasedTable, and, asc, eq, gte, inArray, isNotNull, lte, or, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/** What screening judges of one voter in one arena, models named by slug. */
export interface ArenaRecord {
  votes: ScreenedVote[];
  battles: IssuedBattle[];
}

/** Per voter id (or network key), per arena. */
export type VoterRecords = Map<string, Map<Arena, ArenaRecord>>;

/**
 * Whose records: voters by id, or networks by address key (votes and battles from one client
 * network, whatever voter cookie they carried), each on its own index.
 */
export type RecordGroups =
  | { by: 'voter'; keys: readonly string[] }
  | { by: 'network'; keys: readonly string[]; since: Date };

const COLUMNS = {
  voter: { vote: votes.voterId, battle: battles.voterId },
  network: { vote: votes.addressKey, battle: battles.addressKey },
} as const;

/** Votes and battles after the voter's clearance, if any: earlier ones an operator vouched for. */
export const sinceClearance = (at: typeof votes.createdAt | typeof battles.issuedAt) =>
  sql`(${voters.clearedAt} is null or ${at} > ${voters.clearedAt})`;

/**
 * The records of some voters or networks, read on their own indexes (votes_voter_created,
 * battles_voter_issued; votes_address_created, battles_address_issued): their counted votes in
 * the order cast, and the battles issued to them, voted or not. A battle still open may yet be
 * voted, so only voted or expired ones count as issued: a battle on screen right now is not a
 * skipped one. Votes and battles a voter's clearance vouched for are left out either way; a
 * network's records start at `since` (a network may vote for years).
 */
export async function loadRecords(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  groups: RecordGroups,
): Promise<VoterRecords> {
  const keys = [...groups.keys];
  const records: VoterRecords = new Map();
  if (keys.length === 0) return records;
  const column = COLUMNS[groups.by];
  const since = groups.by === 'network' ? groups.since : undefined;
  const slugRows = await ctx.db.select({ id: models.id, slug: models.slug }).from(models);
  const slug = new Map(slugRows.map((row) => [row.id, row.slug]));
  const recordOf = (key: string, arena: Arena): ArenaRecord => {
    const byArena = records.get(key) ?? new Map<Arena, ArenaRecord>();
    records.set(key, byArena);
    const record = byArena.get(arena) ?? { votes: [], battles: [] };
    byArena.set(arena, record);
    return record;
  };

  const voteRows = await ctx.db
    .select({
      key: column.vote,
      arena: votes.arena,
      left: votes.leftModelId,
      right: votes.rightModelId,
      outcome: votes.outcome,
    })
    .from(votes)
    .innerJoin(voters, eq(voters.id, votes.voterId))
    .where(
      and(
        inArray(column.vote, keys),
        eq(votes.counted, true),
        sinceClearance(votes.createdAt),
        since ? gte(votes.createdAt, since) : undefined,
      ),
    )
    .orderBy(asc(column.vote), asc(votes.createdAt), asc(votes.id));
  for (const row of voteRows) {
    recordOf(row.key!, row.arena).votes.push({
      left: slug.get(row.left)!,
      right: slug.get(row.right)!,
      outcome: row.outcome,
    });
  }

  const leftGeneration = aliasedTable(generations, 'left_generation');
  const rightGeneration = aliasedTable(generations, 'right_generation');
  const battleRows = await ctx.db
    .select({
      key: column.battle,
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
        inArray(column.battle, keys),
        sinceClearance(battles.issuedAt),
        since ? gte(battles.issuedAt, since) : undefined,
        or(isNotNull(battles.votedAt), lte(battles.expiresAt, ctx.now())),
      ),
    );
  for (const row of battleRows) {
    recordOf(row.key!, row.arena).battles.push({
      left: slug.get(row.left)!,
      right: slug.get(row.right)!,
      voted: row.votedAt !== null,
    });
  }
  return records;
}
