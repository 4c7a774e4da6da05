import { forbidden, notFound, type ChallengeRef } from '@arena/core';
import { categories, challenges, type Database } from '@arena/db';
import { and, eq, inArray } from 'drizzle-orm';

export interface PublishedChallenge {
  id: string;
  ref: ChallengeRef;
}

type Row = { challenge: typeof challenges.$inferSelect; category: typeof categories.$inferSelect };

function toPublished({ challenge, category }: Row): PublishedChallenge {
  return {
    id: challenge.id,
    ref: {
      slug: challenge.slug,
      title: challenge.title,
      prompt: challenge.prompt,
      arena: challenge.arena,
      category: { id: category.id, slug: category.slug, name: category.name },
      status: challenge.status,
      closedAt: challenge.closedAt?.toISOString() ?? null,
    },
  };
}

/**
 * A challenge whose results may be shown. Results, per-challenge head-to-head and the gallery
 * are published only once a challenge is closed: while it is open, they would tell voters which
 * image is which model's (a model's style is recognisable) and invite strategic voting.
 */
export async function findPublishedChallenge(
  db: Database,
  slug: string,
): Promise<PublishedChallenge> {
  const [row] = await db
    .select({ challenge: challenges, category: categories })
    .from(challenges)
    .innerJoin(categories, eq(categories.id, challenges.categoryId))
    .where(eq(challenges.slug, slug));
  if (!row) throw notFound('challenge_not_found', `no challenge "${slug}"`);
  if (row.challenge.status !== 'closed') {
    throw forbidden(
      'results_not_public',
      'results of a challenge are published once it closes; it is still open',
    );
  }
  return toPublished(row);
}

/** Every closed challenge (of the given arenas). */
export async function closedChallenges(
  db: Database,
  arenas: readonly string[],
): Promise<PublishedChallenge[]> {
  if (arenas.length === 0) return [];
  const rows = await db
    .select({ challenge: challenges, category: categories })
    .from(challenges)
    .innerJoin(categories, eq(categories.id, challenges.categoryId))
    .where(and(eq(challenges.status, 'closed'), inArray(challenges.arena, [...arenas] as never[])));
  return rows.map(toPublished).sort((a, b) => a.ref.slug.localeCompare(b.ref.slug));
}
