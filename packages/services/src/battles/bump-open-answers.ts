import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/**
 * Moves the open answers' version (migrations 0006 and 0012) once more, after a change's
 * transaction committed. The triggers move it inside the transaction, before the commit (a
 * sequence is not transactional), so a rebuild in between may have read the tables as they
 * were; the periodic rebuild would catch up, and this makes a moderation change (hiding an
 * answer) take effect at once.
 */
export async function bumpOpenAnswersVersion(ctx: Pick<ServiceContext, 'db'>): Promise<void> {
  await ctx.db.execute(sql`select nextval('open_answers_version')`);
}
