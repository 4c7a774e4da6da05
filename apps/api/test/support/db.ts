import { challenges } from '@arena/db';
import { count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { TestArena } from './arena';

/** The id of a challenge, by slug. */
export async function challengeId(arena: TestArena, slug: string): Promise<string> {
  const db = arena.runtime.ctx.db;
  const [row] = await db.select().from(challenges).where(eq(challenges.slug, slug));
  if (!row) throw new Error(`no challenge ${slug}`);
  return row.id;
}

/** Rows in each table, by name: taken before and after refused requests, they must not move. */
export async function rowCounts(
  arena: TestArena,
  tables: Record<string, PgTable>,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await arena.runtime.ctx.db.select({ n: count() }).from(table);
    counts[name] = row!.n;
  }
  return counts;
}
