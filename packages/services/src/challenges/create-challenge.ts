import {
  createChallengeInput,
  type CreateChallengeInput,
  type CreatedChallenge,
} from '@arena/contract';
import { conflict, invalid, notFound } from '@arena/core';
import { ImageRejectedError } from '@arena/storage';
import { auditLog, categories, challenges } from '@arena/db';
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { discardImage } from '../images/discard-image';
import { storeImage, type StoredImage } from '../images/store-image';

/** Adds a draft challenge; launching it is a separate step. */
export async function createChallenge(
  ctx: Pick<ServiceContext, 'db' | 'store'>,
  {
    operatorId,
    challenge: request,
  }: { operatorId: string | null; challenge: CreateChallengeInput },
): Promise<CreatedChallenge> {
  const input = createChallengeInput.parse(request);
  const [category] = await ctx.db
    .select()
    .from(categories)
    .where(and(eq(categories.slug, input.category), eq(categories.arena, input.arena)));
  if (!category)
    throw notFound('category_not_found', `no category "${input.category}" in ${input.arena}`);
  if (input.arena === 'image-editing' && !input.sourceImageBase64) {
    throw invalid('source_image_required', 'an image-editing challenge needs a source image');
  }
  let sourceImage: StoredImage | null = null;
  if (input.sourceImageBase64) {
    try {
      sourceImage = await storeImage(ctx, {
        bytes: Buffer.from(input.sourceImageBase64, 'base64'),
        kind: 'source',
      });
    } catch (error) {
      if (error instanceof ImageRejectedError)
        throw invalid('source_image_rejected', error.message);
      throw error;
    }
  }
  const sourceImageId = sourceImage?.id ?? null;
  const created = ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(challenges)
      .values({
        slug: input.slug,
        title: input.title,
        arena: input.arena,
        categoryId: category.id,
        prompt: input.prompt,
        aspectRatio: input.aspectRatio,
        resolution: input.resolution,
        sourceImageId,
      })
      .onConflictDoNothing({ target: challenges.slug })
      .returning();
    const row = inserted[0];
    if (!row) throw conflict('slug_taken', `a challenge "${input.slug}" already exists`);
    await tx.insert(auditLog).values({
      operatorId,
      action: 'challenge.create',
      subjectType: 'challenge',
      subjectId: row.id,
      details: { slug: row.slug, arena: row.arena },
    });
    return { id: row.id, slug: row.slug, status: row.status };
  });
  return created.catch(async (error: unknown) => {
    // A refused challenge (a taken slug) leaves nothing behind, its source image included.
    if (sourceImage) await discardImage(ctx, { image: sourceImage }).catch(() => undefined);
    throw error;
  });
}
