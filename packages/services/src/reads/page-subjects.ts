import type { Arena } from '@arena/core';
import { categories, challenges, models } from '@arena/db';
import { and, eq, ne } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/** What a model's shared link says about it (its page title and preview). */
export interface ModelPageSubject {
  name: string;
  creator: string;
  description: string | null;
}

/** What a challenge's shared link says about it. */
export interface ChallengePageSubject {
  title: string;
  prompt: string;
  arena: Arena;
  status: string;
  category: string;
  /** The editing source image, public as the prompt is. */
  sourceImageId: string | null;
}

/**
 * The model a page is about, or null when there is none: one probe of the unique slug index.
 * The web server answers unknown slugs 404 and names known ones in the page's tags.
 */
export async function findModelPageSubject(
  ctx: Pick<ServiceContext, 'db'>,
  input: { slug: string },
): Promise<ModelPageSubject | null> {
  const [row] = await ctx.db
    .select({ name: models.name, creator: models.creator, description: models.description })
    .from(models)
    .where(eq(models.slug, input.slug))
    .limit(1);
  return row ?? null;
}

/** The challenge a page is about, or null when there is none (drafts are not public). */
export async function findChallengePageSubject(
  ctx: Pick<ServiceContext, 'db'>,
  input: { slug: string },
): Promise<ChallengePageSubject | null> {
  const [row] = await ctx.db
    .select({
      title: challenges.title,
      prompt: challenges.prompt,
      arena: challenges.arena,
      status: challenges.status,
      category: categories.name,
      sourceImageId: challenges.sourceImageId,
    })
    .from(challenges)
    .innerJoin(categories, eq(categories.id, challenges.categoryId))
    .where(and(eq(challenges.slug, input.slug), ne(challenges.status, 'draft')))
    .limit(1);
  return row ?? null;
}
