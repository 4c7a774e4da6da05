import postgres from 'postgres';
import { TEST_POSTGRES_URL } from './postgres';

/**
 * Terminates every backend connected to `database` (as an operator would, or as a failover
 * does), from a connection to the server's `postgres` database, which is not among them.
 * Returns how many were terminated.
 */
export async function terminateBackends(database: string): Promise<number> {
  const sql = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`
      select pg_terminate_backend(pid) as terminated
      from pg_stat_activity
      where datname = ${database} and pid <> pg_backend_pid()`;
    return rows.filter((row) => row.terminated).length;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
