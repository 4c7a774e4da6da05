import type { Arena, ComputedLeaderboard, ScopeKey } from '@arena/core';
import {
  leaderboardSnapshots,
  ratingHistory,
  type SnapshotPair,
  type SnapshotRow,
} from '@arena/db';
import { and, inArray, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import type { StoredParams } from './excluded-votes';
import {
  latestHistoryPoints,
  latestSnapshotMetas,
  scopeId,
  type SnapshotMeta,
} from './snapshot-reads';
import { storedScope, type Names } from './scopes';

/** Serialises snapshot writers (the job on several workers, a forced CLI run). */
const SNAPSHOT_LOCK_KEY = 7_214_350_004;

export const SNAPSHOT_METHOD = 'bradley-terry';

/**
 * Same fit settings and same excluded voters? Compared field by field (jsonb does not keep key
 * order); the exclusion fingerprint is compared even when absent from `params`, since a board
 * whose last excluded voter was cleared has none.
 */
export function sameParams(stored: unknown, params: StoredParams): boolean {
  if (typeof stored !== 'object' || stored === null) return false;
  const record = stored as Record<string, unknown>;
  return (
    Object.entries(params).every(([key, value]) => record[key] === value) &&
    record.excluded === params.excluded
  );
}

/** Whether a scope needs a new snapshot: new votes, new settings or exclusions, or none yet. */
export function isStale(
  meta: SnapshotMeta | undefined,
  votes: number,
  params: StoredParams,
): boolean {
  return !meta || meta.voteCount !== votes || !sameParams(meta.params, params);
}

export interface WriteSnapshotsInput {
  boards: ComputedLeaderboard[];
  names: Names;
  /** The fit settings and exclusion fingerprint each board is stored (and compared) with. */
  paramsOf: (key: ScopeKey) => StoredParams;
  computedAt: Date;
  force: boolean;
  historyIntervalMs: number;
}

function snapshotRows(board: ComputedLeaderboard, names: Names): SnapshotRow[] {
  return board.rows.map((row) => ({
    modelId: names.models.id(row.model),
    rating: row.rating,
    ciLow: row.low,
    ciHigh: row.high,
    rank: row.rank,
    votes: row.votes,
    wins: row.wins,
    losses: row.losses,
    ties: row.ties,
    bothBad: row.bothBad,
    provisional: row.provisional,
  }));
}

function snapshotPairs(board: ComputedLeaderboard): SnapshotPair[] {
  const at = new Map(board.rows.map((row, i) => [row.model, i]));
  return board.pairs.map((pair) => {
    const a = at.get(pair.a)!;
    const b = at.get(pair.b)!;
    return a < b
      ? [a, b, pair.winsA, pair.winsB, pair.ties, pair.bothBad]
      : [b, a, pair.winsB, pair.winsA, pair.ties, pair.bothBad];
  });
}

/**
 * Stores the computed leaderboards in one transaction: a snapshot per scope that changed, its
 * rating-history points (one per scope per history interval, or sooner when its votes have
 * doubled), and the pruning that keeps the table small: older snapshots lose their pair
 * counts, and those that carry no history are deleted. Under an advisory lock the latest
 * snapshots are read again, so a slower concurrent run never replaces newer results with
 * older ones.
 */
export async function writeSnapshots(
  ctx: Pick<ServiceContext, 'db'>,
  input: WriteSnapshotsInput,
): Promise<number> {
  const { boards, names, paramsOf, computedAt } = input;
  if (boards.length === 0) return 0;
  const arenas = [...new Set(boards.map((board) => board.arena as Arena))];
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SNAPSHOT_LOCK_KEY})`);
    const latest = await latestSnapshotMetas({ db: tx }, { arenas });
    const historyAt = await latestHistoryPoints({ db: tx }, { arenas });
    const fresh = boards
      .map((board) => ({ board, arena: board.arena as Arena, scope: storedScope(board, names) }))
      .filter(({ board, arena, scope }) => {
        const meta = latest.get(scopeId(arena, scope));
        if (meta && meta.computedAt >= computedAt) return false;
        return input.force || isStale(meta, board.votes, paramsOf(board));
      });
    if (fresh.length === 0) return 0;

    const inserted = await tx
      .insert(leaderboardSnapshots)
      .values(
        fresh.map(({ board, arena, scope }) => ({
          arena,
          scope,
          method: SNAPSHOT_METHOD,
          computedAt,
          voteCount: board.votes,
          params: paramsOf(board),
          rows: snapshotRows(board, names),
          pairs: snapshotPairs(board),
          leftWins: board.sides.leftWins,
          rightWins: board.sides.rightWins,
        })),
      )
      .returning({
        id: leaderboardSnapshots.id,
        arena: leaderboardSnapshots.arena,
        scope: leaderboardSnapshots.scope,
      });
    // History points are copied from the rows just written, in SQL: no second trip for them.
    const votesOf = new Map(
      fresh.map((entry) => [scopeId(entry.arena, entry.scope), entry.board.votes]),
    );
    const historyIds = inserted
      .filter((snapshot) => {
        const id = scopeId(snapshot.arena, snapshot.scope);
        const last = historyAt.get(id);
        // A point per interval, and one whenever the votes have doubled since the last: a young
        // scope moves fast, and its first hours would otherwise be one early point.
        return (
          !last ||
          computedAt.getTime() - last.computedAt.getTime() >= input.historyIntervalMs ||
          votesOf.get(id)! >= 2 * last.voteCount
        );
      })
      .map((snapshot) => snapshot.id);
    if (historyIds.length > 0) {
      // jsonb keeps the numbers' decimal text, so ::float8 gives back the very same doubles.
      await tx.execute(sql`
        insert into ${ratingHistory}
          (snapshot_id, model_id, arena, scope, computed_at, rating, ci_low, ci_high, rank, votes)
        select s.id, (r->>'modelId')::uuid, s.arena, s.scope, s.computed_at, (r->>'rating')::float8,
          (r->>'ciLow')::float8, (r->>'ciHigh')::float8, (r->>'rank')::int, (r->>'votes')::int
        from ${leaderboardSnapshots} s, jsonb_array_elements(s.rows) r
        where s.id in (${sql.join(
          historyIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`);
    }

    // Pruning: the snapshots just superseded lose their pair counts, and are deleted unless
    // they carry history. Every older one was pruned the same way when it was superseded, so
    // these are all there is to prune, whatever the length of the history.
    const t = leaderboardSnapshots;
    const superseded = inserted.flatMap(
      (snapshot) => latest.get(scopeId(snapshot.arena, snapshot.scope))?.id ?? [],
    );
    if (superseded.length > 0) {
      await tx.update(t).set({ pairs: null }).where(inArray(t.id, superseded));
      await tx
        .delete(t)
        .where(
          and(
            inArray(t.id, superseded),
            sql`not exists (select 1 from ${ratingHistory} where ${ratingHistory.snapshotId} = ${t.id})`,
          ),
        );
    }
    return inserted.length;
  });
}
