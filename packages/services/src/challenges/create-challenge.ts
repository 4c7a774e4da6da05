import {
  createChallengeInput,
  type CreateChallengeInput,
  type CreatedChallenge,
} from '@arena/contract';
import {
  conflict,
  invalid,
  nearestAspectRatio,
  nearestResolutionTier,
  notFound,
  parseSize,
  type AspectRatio,
  type ResolutionTier,
} from '@arena/core';
import { categories, challenges } from '@arena/db';
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { discardImage } from '../images/discard-image';
import type { StoredImage } from '../images/store-image';
import { recordAudit } from '../operators/record-audit';
import { storeSourceImage, type SourceImageUpload } from './store-source-image';

export type { SourceImageUpload } from './store-source-image';

/**
 * Adds a draft challenge; launching it is a separate step. The source image of an editing
 * challenge comes as an upload (multipart) or as `sourceImageBase64` (JSON). Everything is
 * checked before anything is stored, and a refusal after the image was stored (a taken slug)
 * removes it: a refused challenge leaves nothing behind.
 */
export async function createChallenge(
  ctx: Pick<ServiceContext, 'db' | 'store'>,
  input: {
    operatorId: string | null;
    challenge: CreateChallengeInput;
    /** The uploaded source image; wins over `challenge.sourceImageBase64`. */
    sourceImage?: SourceImageUpload;
  },
): Promise<CreatedChallenge> {
  const fields = createChallengeInput.parse(input.challenge);
  const slug = fields.slug ?? slugOf(fields.title);
  const [category] = await ctx.db
    .select()
    .from(categories)
    .where(and(eq(categories.slug, fields.category), eq(categories.arena, fields.arena)));
  if (!category) {
    throw notFound('category_not_found', `no category "${fields.category}" in ${fields.arena}`);
  }
  const upload =
    input.sourceImage ??
    (fields.sourceImageBase64 !== undefined
      ? { bytes: Buffer.from(fields.sourceImageBase64, 'base64'), field: 'sourceImageBase64' }
      : undefined);
  if (fields.arena === 'image-editing' && !upload) {
    throw invalid('source_image_required', 'an image-editing challenge needs a source image', {
      field: 'sourceImage',
    });
  }
  const requested = requestedSize(fields);
  const [existing] = await ctx.db
    .select({ id: challenges.id })
    .from(challenges)
    .where(eq(challenges.slug, slug));
  if (existing) throw slugTaken(slug);

  const sourceImage: StoredImage | null = upload ? await storeSourceImage(ctx, upload) : null;
  const aspectRatio =
    requested.aspectRatio ??
    (sourceImage ? nearestAspectRatio(sourceImage) : ('1:1' satisfies AspectRatio));
  const created = ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(challenges)
      .values({
        slug,
        title: fields.title,
        arena: fields.arena,
        categoryId: category.id,
        prompt: fields.prompt,
        aspectRatio,
        resolution: requested.resolution,
        sourceImageId: sourceImage?.id ?? null,
      })
      .onConflictDoNothing({ target: challenges.slug })
      .returning();
    if (!row) throw slugTaken(slug);
    await recordAudit(
      { db: tx },
      {
        operatorId: input.operatorId,
        action: 'challenge.create',
        subjectType: 'challenge',
        subjectId: row.id,
        after: {
          slug: row.slug,
          title: row.title,
          arena: row.arena,
          category: category.slug,
          prompt: row.prompt,
          aspectRatio: row.aspectRatio,
          resolution: row.resolution,
          sourceImageId: row.sourceImageId,
        },
      },
    );
    return { id: row.id, slug: row.slug, status: row.status };
  });
  return created.catch(async (error: unknown) => {
    if (sourceImage) await discardImage(ctx, { image: sourceImage }).catch(() => undefined);
    throw error;
  });
}

const slugTaken = (slug: string) =>
  conflict('slug_taken', `a challenge "${slug}" already exists: choose another slug`);

/** A slug from a title: "Café at Night!" -> "cafe-at-night". */
function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  if (!slug) {
    throw invalid('slug_required', 'the title has no letters or digits to make a slug of', {
      field: 'slug',
    });
  }
  return slug;
}

/**
 * The ratio and tier asked for: `aspectRatio` and `resolution`, or a pixel `size` mapped to
 * the nearest supported ratio (and tier, unless one is named). No ratio means "decide later"
 * (the source image's, or 1:1).
 */
function requestedSize(fields: ReturnType<typeof createChallengeInput.parse>): {
  aspectRatio?: AspectRatio;
  resolution: ResolutionTier;
} {
  if (fields.size === undefined) {
    return { aspectRatio: fields.aspectRatio, resolution: fields.resolution ?? '1K' };
  }
  if (fields.aspectRatio !== undefined) {
    throw invalid('size_conflict', 'send either size or aspectRatio, not both', {
      field: 'size',
    });
  }
  const size = parseSize(fields.size);
  if (!size || size.width < 64 || size.height < 64) {
    throw invalid('size_invalid', 'size must be WIDTHxHEIGHT, at least 64x64', { field: 'size' });
  }
  return {
    aspectRatio: nearestAspectRatio(size),
    resolution: fields.resolution ?? nearestResolutionTier(size),
  };
}
