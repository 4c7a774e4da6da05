import type { Arena } from '@arena/core';
import { BANNED_FLAG, OVERALL_SCOPE } from '@arena/core';
import { queryRows } from '@arena/db';
import { sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { newestSnapshotIdSql } from '../leaderboards/snapshot-reads';
import { OPEN_ANSWERS_VERSION_SQL } from './open-answers';
import { SEEN_LIMIT, seenComparisonsOf } from './seen-comparisons';

/** Stands for "nothing known": never a battle id, nor the empty string of "no battles". */
/** Stands for "no battle yet" in the list of known latest ids (ids are uuids). */
const NO_BATTLE = 'none';

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
  /** The voter's latest battle before this one (null: none), for seen-comparisons.ts. */
  latestBattleId: string | null;
  /** An operator banned the voter: no battle for them. */
  banned: boolean;
}

interface Row {
  version: string;
  category_id: string | null;
  snapshot_id: string | null;
  latest_battle: string | null;
  /**
   * Null when the voter's latest battle is the one this process knows their comparisons up
   * to; else each comparison once as `challengeId|pairKey` (uuids order as their strings do)
   * and how many battles they come from.
   */
  seen: { keys: string[]; battles: number } | null;
  banned: boolean | null;
}

/**
 * Everything a battle is drawn from that lives in the database, in one statement: the open
 * answers' version, the category, the scope's latest snapshot, the voter's recent comparisons
 * (only when this process does not already hold them: seen-comparisons.ts) and whether the
 * voter is banned (one key probe, so a ban costs no round trip of its own).
 */
export async function readBattleInputs(
  ctx: Pick<ServiceContext, 'db'>,
  input: Omit<BattleInputsQuery, 'knownLatest'>,
): Promise<BattleInputs> {
  const memory = seenComparisonsOf(ctx.db);
  const knownLatest = memory.knownLatest(input.voterId);
  // One row always: the statement selects from a one-row relation.
  const row = (await queryRows<Row>(ctx.db, battleInputsQuery({ ...input, knownLatest })))[0]!;
  const latest = row.latest_battle;
  const seen = row.seen
    ? memory.load(input.voterId, latest, row.seen.keys, row.seen.battles)
    : (memory.lookup(input.voterId, latest) ?? new Set<string>());
  return {
    version: row.version,
    categoryId: input.category === undefined ? undefined : row.category_id,
    snapshotId: row.snapshot_id,
    seen,
    latestBattleId: latest,
    banned: row.banned === true,
  };
}

export interface BattleInputsQuery {
  voterId: string;
  arena: Arena;
  category?: string;
  /**
   * The latest battle ids (null: no battles) any of which the caller holds the comparisons up
   * to, or a comma-separated list of them (`none` for null; the benchmark's form).
   */
  knownLatest?: readonly (string | null)[] | string;
}

/** The statement itself (the benchmark replays it beside the endpoint). */
export function battleInputsQuery(input: BattleInputsQuery): SQL {
  const { voterId, arena } = input;
  const category = input.category ?? null;
  const known =
    typeof input.knownLatest === 'string'
      ? input.knownLatest
      : (input.knownLatest ?? []).map((id) => id ?? NO_BATTLE).join(',');
  return sql`
    with latest as (
      select b.id from battles b
      where b.voter_id = ${voterId}::uuid
      order by b.issued_at desc, b.id desc
      limit 1
    )
    select ${OPEN_ANSWERS_VERSION_SQL} as version,
           c.id as category_id,
           ${newestSnapshotIdSql(sql`${arena}::text`, sql`coalesce(c.id::text, ${OVERALL_SCOPE})`)}
             as snapshot_id,
           (select id from latest) as latest_battle,
           case when coalesce((select id::text from latest), ${NO_BATTLE})
                       = any(string_to_array(${known}::text, ',')) then null
           else (select json_build_object('keys', coalesce(json_agg(d.key), '[]'::json),
                                          'battles', coalesce(sum(d.n), 0))
                 from (select s.challenge_id::text || '|' || least(s.left_model, s.right_model)::text
                                || '|' || greatest(s.left_model, s.right_model)::text as key,
                              count(*) as n
                       from (select b.challenge_id, gl.model_id as left_model, gr.model_id as right_model
                             from battles b
                             join generations gl on gl.id = b.left_generation_id
                             join generations gr on gr.id = b.right_generation_id
                             where b.voter_id = ${voterId}::uuid
                             order by b.issued_at desc
                             limit ${SEEN_LIMIT}) s
                       group by 1) d)
           end as seen,
           (select v.flags && array[${BANNED_FLAG}]::text[] from voters v
            where v.id = ${voterId}::uuid) as banned
    from (select 1) one
    left join categories c on c.slug = ${category}::text and c.arena = ${arena}::text`;
}
