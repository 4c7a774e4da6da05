import type { Database } from '@arena/db';
import { sql } from 'drizzle-orm';

/**
 * Refreshes the planner's statistics, as autovacuum keeps them in production (a test machine
 * may run without it). A run adds tens of thousands of battles and votes; plans made for the
 * seeded size would scan them all, and ours and the peer would be measured against stale
 * statistics of different ages.
 */
export async function analyzeAll(db: Database): Promise<void> {
  await db.execute(sql`analyze`);
}

/** `run`, started on fresh statistics. */
export const analyzedFirst =
  <T>(db: Database, run: () => Promise<T>) =>
  async (): Promise<T> => {
    await analyzeAll(db);
    return run();
  };
