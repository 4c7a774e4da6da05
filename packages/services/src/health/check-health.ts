import type { Health } from '@arena/contract';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/** Ready when the database answers. */
export async function checkHealth(ctx: Pick<ServiceContext, 'db'>): Promise<Health> {
  await ctx.db.execute(sql`select 1`);
  return { status: 'ok' };
}
