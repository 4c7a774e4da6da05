import type { ModelRef } from '@arena/contract';
import { notFound } from '@arena/core';
import { models } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/** A model by slug, as the wire names it, or 404. */
export async function findModel(
  ctx: Pick<ServiceContext, 'db'>,
  input: { slug: string },
): Promise<ModelRef & { arenas: string[] }> {
  const { slug } = input;
  const [model] = await ctx.db
    .select({
      id: models.id,
      slug: models.slug,
      name: models.name,
      creator: models.creator,
      arenas: models.arenas,
    })
    .from(models)
    .where(eq(models.slug, slug));
  if (!model) throw notFound('model_not_found', `no model "${slug}"`);
  return model;
}
