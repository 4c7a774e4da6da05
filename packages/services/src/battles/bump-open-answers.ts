import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/**
 * Moves the open answers' version (migration 0006) for a change its triggers do not see: they
 * fire on a generation's status, not on columns such as `disqualified_at`. Call it in the
 * transaction of the change, so API processes rebuild their battle index after it.
 */
export async function bumpOpenAnswersVersion(ctx: Pick<ServiceContext, 'db'>): Promise<void> {
  await ctx.db.execute(sql`select nextval('open_answers_version')`);
}
