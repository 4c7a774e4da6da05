import type { Arena } from '@arena/core';
import { OVERALL_SCOPE } from '@arena/core';
import { queryRows } from '@arena/db';
import { sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { newestSnapshotIdSql } from '../leaderboards/snapshot-reads';
import { OPEN_ANSWERS_VERSION_SQL } from './open-answers';

/** How far back a voter's battles are remembered to avoid showing a comparison twice. */
const SEEN_LIMIT = 2_000;

export interface BattleInputs {
  /** The open answers' version (open-answers.ts). */
  version: string;
  /** The category asked for: its id, null when unknown; undefined when none was asked for. */
  categoryId: string | null | undefined;
  /** The scope's latest snapshot, null before its first. */
  snapshotId: string | null;
  /**
   * `challengeId|pairKey` of the comparisons the voter was shown lately (their SEEN_LIMIT
   * latest battles, on battles_voter_issued): closed challenges' entries are never asked about.
   */
  seen: Set<string>;
}

interface Row {
  version: string;
  category_id: string | null;
  snapshot_id: string | null;
  /** `challengeId|pairKey`, each comparison once (uuids order as their strings do). */
  seen: string[] | null;
}

/**
 * Everything a battle is drawn from that lives in the database, in one statement: the open
 * answers' version, the category, the scope's latest snapshot and the voter's recent
 * comparisons.
 */
export async function readBattleInputs(
  ctx: Pick<ServiceContext, 'db'>,
  input: BattleInputsQuery,
): Promise<BattleInputs> {
  // One row always: the statement selects from a one-row relation.
  const row = (await queryRows<Row>(ctx.db, battleInputsQuery(input)))[0]!;
  return {
    version: row.version,
    categoryId: input.category === undefined ? undefined : row.category_id,
    snapshotId: row.snapshot_id,
    seen: new Set(row.seen),
  };
}

export interface BattleInputsQuery {
  voterId: string;
  arena: Arena;
  category?: string;
}

/** The statement itself (the benchmark replays it beside the endpoint). */
export function battleInputsQuery(input: BattleInputsQuery): SQL {
  const { voterId, arena } = input;
  const category = input.category ?? null;
  return sql`
    select ${OPEN_ANSWERS_VERSION_SQL} as version,
           c.id as category_id,
           ${newestSnapshotIdSql(sql`${arena}::text`, sql`coalesce(c.id::text, ${OVERALL_SCOPE})`)}
             as snapshot_id,
           (select json_agg(distinct s.challenge_id::text || '|' || least(s.left_model, s.right_model)::text
                                || '|' || greatest(s.left_model, s.right_model)::text)
            from (select b.challenge_id, gl.model_id as left_model, gr.model_id as right_model
                  from battles b
                  join generations gl on gl.id = b.left_generation_id
                  join generations gr on gr.id = b.right_generation_id
                  where b.voter_id = ${voterId}::uuid
                  order by b.issued_at desc
                  limit ${SEEN_LIMIT}) s) as seen
    from (select 1) one
    left join categories c on c.slug = ${category}::text and c.arena = ${arena}::text`;
}
