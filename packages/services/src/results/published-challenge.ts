import type { ChallengeRef } from '@arena/contract';
import { forbidden, notFound } from '@arena/core';
import { categories, challenges } from '@arena/db';
import { and, eq, inArray } from 'drizzle-orm';
import { sourceImageUrl } from '../battles/image-urls';
import type { ServiceContext } from '../context';

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
      sourceImageUrl: challenge.sourceImageId ? sourceImageUrl(challenge.sourceImageId) : null,
    },
  };
}

/**
 * A challenge whose results may be shown. Results, per-challenge head-to-head and the gallery
 * are published only once a challenge is closed: while it is open, they would tell voters which
 * image is which model's (a model's style is recognisable) and invite strategic voting.
 */
export async function findPublishedChallenge(
  ctx: Pick<ServiceContext, 'db'>,
  input: { slug: string },
): Promise<PublishedChallenge> {
  const { slug } = input;
  const [row] = await ctx.db
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
  ctx: Pick<ServiceContext, 'db'>,
  input: { arenas: readonly string[] },
): Promise<PublishedChallenge[]> {
  const { arenas } = input;
  if (arenas.length === 0) return [];
  const rows = await ctx.db
    .select({ challenge: challenges, category: categories })
    .from(challenges)
    .innerJoin(categories, eq(categories.id, challenges.categoryId))
    .where(and(eq(challenges.status, 'closed'), inArray(challenges.arena, [...arenas] as never[])));
  return rows.map(toPublished).sort((a, b) => a.ref.slug.localeCompare(b.ref.slug));
}
