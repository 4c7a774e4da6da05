import { voters } from '@arena/db';
import { and, eq, lt } from 'drizzle-orm';
import type { ServiceContext } from '../context';

export interface Voter {
  id: string;
  flags: string[];
  created: boolean;
}

const SEEN_RESOLUTION_MS = 5 * 60_000;

/**
 * The voter behind a request: the one named by a valid signed cookie, or a new anonymous one.
 * `last_seen_at` is refreshed at most every few minutes so browsing does not write on every
 * request. A new voter is created owing a human check when `humanCheckRequired` (its address
 * has started many voters already).
 */
export async function ensureVoter(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { voterId: string | undefined; humanCheckRequired?: () => Promise<boolean> },
): Promise<Voter> {
  const { voterId } = input;
  if (voterId) {
    const [found] = await ctx.db.select().from(voters).where(eq(voters.id, voterId));
    if (found) {
      const now = ctx.now();
      if (now.getTime() - found.lastSeenAt.getTime() > SEEN_RESOLUTION_MS) {
        await ctx.db
          .update(voters)
          .set({ lastSeenAt: now })
          .where(and(eq(voters.id, voterId), lt(voters.lastSeenAt, now)));
      }
      return { id: found.id, flags: found.flags, created: false };
    }
  }
  const required = (await input.humanCheckRequired?.()) ?? false;
  const [created] = await ctx.db
    .insert(voters)
    .values(required ? { humanCheckRequiredAt: ctx.now() } : {})
    .returning();
  return { id: created!.id, flags: created!.flags, created: true };
}
