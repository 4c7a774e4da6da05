import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * The `set` of an `ON CONFLICT DO UPDATE` that takes the named columns from the row proposed
 * for insertion (`excluded.<column>`), by their property names: the SQL column names come
 * from the schema, so a renamed column cannot be left behind here.
 */
export function fromExcluded<T extends PgTable, K extends keyof T['_']['columns'] & string>(
  table: T,
  keys: readonly K[],
): Record<K, SQL> {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  return Object.fromEntries(
    keys.map((key) => [key, sql.raw(`excluded."${columns[key]!.name}"`)]),
  ) as Record<K, SQL>;
}
