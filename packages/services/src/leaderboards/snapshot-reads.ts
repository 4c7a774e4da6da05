import type { Arena } from '@arena/core';
import { leaderboardSnapshots, ratingHistory } from '@arena/db';
import { sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../context';

type Ctx = Pick<ServiceContext, 'db'>;

export interface SnapshotMeta {
  id: string;
  arena: Arena;
  scope: string;
  voteCount: number;
  computedAt: Date;
  params: unknown;
}

export const scopeId = (arena: string, scope: string) => `${arena}\u0000${scope}`;

/*
 * "The newest snapshot of each scope" is asked on every leaderboard, model page and recompute,
 * while a scope keeps a snapshot per history point (about one an hour, for years). DISTINCT ON
 * would walk all of them; instead each scope's newest is one probe of the
 * (arena, scope, computed_at) index, and the scopes themselves are found by skipping through
 * that index from one (arena, scope) to the next. Both cost O(scopes), whatever the history.
 */
const t = leaderboardSnapshots;

/** The id of the newest snapshot of (arena, scope), given as SQL expressions. */
function newestId(arena: SQL, scope: SQL, withHistory = false): SQL {
  const history = withHistory
    ? sql`and exists (select 1 from ${ratingHistory} h where h.snapshot_id = l.id)`
    : sql``;
  return sql`(select l.id from ${t} l where l.arena = ${arena} and l.scope = ${scope} ${history}
    order by l.computed_at desc limit 1)`;
}

/** The id of the newest snapshot of (arena, scope), as a scalar subquery for other statements. */
export const newestSnapshotIdSql = (arena: SQL, scope: SQL): SQL => newestId(arena, scope);

/** The newest snapshot id of every scope of the given arenas (all arenas when none given). */
function newestIdsOfAllScopes(arenas: readonly Arena[] | undefined, withHistory: boolean): SQL {
  const wanted =
    arenas === undefined
      ? sql``
      : sql`where scopes.arena in (${sql.join(
          arenas.map((arena) => sql`${arena}`),
          sql`, `,
        )})`;
  return sql`(
    with recursive scopes(arena, scope) as (
      (select l.arena, l.scope from ${t} l order by l.arena, l.scope limit 1)
      union all
      select next.arena, next.scope from scopes cross join lateral (
        select l.arena, l.scope from ${t} l where (l.arena, l.scope) > (scopes.arena, scopes.scope)
        order by l.arena, l.scope limit 1
      ) next
    )
    select ${newestId(sql`scopes.arena`, sql`scopes.scope`, withHistory)} from scopes ${wanted}
  )`;
}

/** The newest snapshot of every scope (of the given arenas), without its rows. */
export async function latestSnapshotMetas(
  ctx: Ctx,
  input: { arenas?: readonly Arena[] } = {},
): Promise<Map<string, SnapshotMeta>> {
  const { arenas } = input;
  if (arenas?.length === 0) return new Map();
  const rows = await ctx.db
    .select({
      id: t.id,
      arena: t.arena,
      scope: t.scope,
      voteCount: t.voteCount,
      computedAt: t.computedAt,
      params: t.params,
    })
    .from(t)
    .where(sql`${t.id} in ${newestIdsOfAllScopes(arenas, false)}`);
  return new Map(rows.map((row) => [scopeId(row.arena, row.scope), row]));
}

/** When each scope last got rating-history points, and from how many votes. */
export async function latestHistoryPoints(
  ctx: Ctx,
  input: { arenas: readonly Arena[] },
): Promise<Map<string, { computedAt: Date; voteCount: number }>> {
  const { arenas } = input;
  if (arenas.length === 0) return new Map();
  const rows = await ctx.db
    .select({
      arena: t.arena,
      scope: t.scope,
      computedAt: t.computedAt,
      voteCount: t.voteCount,
    })
    .from(t)
    .where(sql`${t.id} in ${newestIdsOfAllScopes(arenas, true)}`);
  return new Map(rows.map((row) => [scopeId(row.arena, row.scope), row]));
}

export type Snapshot = typeof leaderboardSnapshots.$inferSelect;

/** The published leaderboard of one scope, or null before its first recompute. */
export async function latestSnapshot(
  ctx: Ctx,
  input: { arena: Arena; scope: string },
): Promise<Snapshot | null> {
  const { arena, scope } = input;
  const [row] = await ctx.db
    .select()
    .from(t)
    .where(sql`${t.id} = ${newestId(sql`${arena}`, sql`${scope}`)}`);
  return row ?? null;
}

/** The id of the published leaderboard of one scope, or null before its first recompute. */
export async function latestSnapshotId(
  ctx: Ctx,
  input: { arena: Arena; scope: string },
): Promise<string | null> {
  const { arena, scope } = input;
  const [row] = await ctx.db
    .select({ id: t.id })
    .from(t)
    .where(sql`${t.id} = ${newestId(sql`${arena}`, sql`${scope}`)}`);
  return row?.id ?? null;
}

/** The newest snapshot of each of several scopes of one arena, rows included. */
export async function latestSnapshots(
  ctx: Ctx,
  input: { arena: Arena; scopes: readonly string[] },
): Promise<Map<string, Snapshot>> {
  const { arena, scopes } = input;
  if (scopes.length === 0) return new Map();
  const wanted = sql.join(
    [...new Set(scopes)].map((scope) => sql`(${newestId(sql`${arena}`, sql`${scope}`)})`),
    sql`, `,
  );
  const rows = await ctx.db
    .select()
    .from(t)
    .where(sql`${t.id} in (${wanted})`);
  return new Map(rows.map((row) => [row.scope, row]));
}
