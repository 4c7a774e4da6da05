import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database } from './database';
import { rawRows } from './raw-rows';

const dialect = new PgDialect();

interface PostgresJsClient {
  unsafe(query: string, params: unknown[], options: { prepare: boolean }): Promise<unknown>;
}

const isPostgresJs = (client: unknown): client is PostgresJsClient =>
  typeof client === 'function' && typeof (client as { unsafe?: unknown }).unsafe === 'function';

/**
 * The rows of a hand-written statement, run as a named prepared statement on Postgres:
 * drizzle's `db.execute` sends every statement unnamed, so Postgres plans it each time, which
 * for a hot path's CTE costs more than running it. postgres.js prepares it once per
 * connection (keyed by its text, which a `sql` template keeps constant) and reuses the plan.
 * On PGlite, or inside a transaction (whose connection only `db` knows), it is
 * `db.execute`.
 */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const client = (db as { $client?: unknown }).$client;
  if (!isPostgresJs(client)) return rawRows<T>(await db.execute(query));
  const { sql, params } = dialect.sqlToQuery(query);
  return (await client.unsafe(sql, params, { prepare: true })) as T[];
}
