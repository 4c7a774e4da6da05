import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/** Ready when the database answers. */
export async function checkHealth(ctx: Pick<ServiceContext, 'db'>): Promise<{ status: 'ok' }> {
  await ctx.db.execute(sql`select 1`);
  return { status: 'ok' };
}
