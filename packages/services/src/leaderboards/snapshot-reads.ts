import type { Arena } from '@arena/core';
import { leaderboardSnapshots, ratingHistory, type Database } from '@arena/db';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';

export interface SnapshotMeta {
  id: string;
  arena: Arena;
  scope: string;
  voteCount: number;
  computedAt: Date;
  params: unknown;
}

export const scopeId = (arena: string, scope: string) => `${arena}\u0000${scope}`;

/** The newest snapshot of every scope (of the given arenas), without its rows. */
export async function latestSnapshotMetas(
  db: Database,
  arenas?: readonly Arena[],
): Promise<Map<string, SnapshotMeta>> {
  const t = leaderboardSnapshots;
  const rows = await db
    .selectDistinctOn([t.arena, t.scope], {
      id: t.id,
      arena: t.arena,
      scope: t.scope,
      voteCount: t.voteCount,
      computedAt: t.computedAt,
      params: t.params,
    })
    .from(t)
    .where(arenas ? inArray(t.arena, [...arenas]) : undefined)
    .orderBy(t.arena, t.scope, desc(t.computedAt));
  return new Map(rows.map((row) => [scopeId(row.arena, row.scope), row]));
}

/** When each scope last got rating-history points, and from how many votes. */
export async function latestHistoryPoints(
  db: Database,
  arenas: readonly Arena[],
): Promise<Map<string, { computedAt: Date; voteCount: number }>> {
  const t = leaderboardSnapshots;
  const rows = await db
    .selectDistinctOn([t.arena, t.scope], {
      arena: t.arena,
      scope: t.scope,
      computedAt: t.computedAt,
      voteCount: t.voteCount,
    })
    .from(t)
    .where(
      and(
        inArray(t.arena, [...arenas]),
        sql`exists (select 1 from ${ratingHistory} where ${ratingHistory.snapshotId} = ${t.id})`,
      ),
    )
    .orderBy(t.arena, t.scope, desc(t.computedAt));
  return new Map(rows.map((row) => [scopeId(row.arena, row.scope), row]));
}

export type Snapshot = typeof leaderboardSnapshots.$inferSelect;

/** The published leaderboard of one scope, or null before its first recompute. */
export async function latestSnapshot(
  db: Database,
  arena: Arena,
  scope: string,
): Promise<Snapshot | null> {
  const [row] = await db
    .select()
    .from(leaderboardSnapshots)
    .where(and(eq(leaderboardSnapshots.arena, arena), eq(leaderboardSnapshots.scope, scope)))
    .orderBy(desc(leaderboardSnapshots.computedAt))
    .limit(1);
  return row ?? null;
}

/** The newest snapshot of each of several scopes of one arena, rows included. */
export async function latestSnapshots(
  db: Database,
  arena: Arena,
  scopes: readonly string[],
): Promise<Map<string, Snapshot>> {
  if (scopes.length === 0) return new Map();
  const t = leaderboardSnapshots;
  const rows = await db
    .selectDistinctOn([t.scope])
    .from(t)
    .where(and(eq(t.arena, arena), inArray(t.scope, [...scopes])))
    .orderBy(t.scope, desc(t.computedAt));
  return new Map(rows.map((row) => [row.scope, row]));
}
