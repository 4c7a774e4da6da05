import { notFound, type ModelRef } from '@arena/core';
import { models, type Database } from '@arena/db';
import { eq } from 'drizzle-orm';

/** A model by slug, as the wire names it, or 404. */
export async function findModel(
  db: Database,
  slug: string,
): Promise<ModelRef & { arenas: string[] }> {
  const [model] = await db
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
