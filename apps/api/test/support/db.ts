import { challenges } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { TestArena } from './arena';

/** The id of a challenge, by slug. */
export async function challengeId(arena: TestArena, slug: string): Promise<string> {
  const db = arena.runtime.ctx.db;
  const [row] = await db.select().from(challenges).where(eq(challenges.slug, slug));
  if (!row) throw new Error(`no challenge ${slug}`);
  return row.id;
}
