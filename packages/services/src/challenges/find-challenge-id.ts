import { notFound } from '@arena/core';
import { challenges } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/** A challenge's id by its slug, or 404. */
export async function findChallengeIdBySlug(
  ctx: Pick<ServiceContext, 'db'>,
  input: { slug: string },
): Promise<string> {
  const { slug } = input;
  const [row] = await ctx.db
    .select({ id: challenges.id })
    .from(challenges)
    .where(eq(challenges.slug, slug));
  if (!row) throw notFound('challenge_not_found', `no challenge "${slug}"`);
  return row.id;
}
