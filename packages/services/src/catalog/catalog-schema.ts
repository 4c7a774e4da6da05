import {
  ARENAS,
  ASPECT_RATIOS,
  PROVIDER_KINDS,
  RESOLUTION_TIERS,
  type ResolutionTier,
} from '@arena/core';
import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase words joined by hyphens');
const envName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an environment variable name');

const sizeSupport = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('sizes'),
      sizes: z
        .array(
          z.object({ width: z.number().int().positive(), height: z.number().int().positive() }),
        )
        .min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('ratios'),
      ratios: z.array(z.string().regex(/^\d+(\.\d+)?:\d+(\.\d+)?$/)).min(1),
      tiers: z.array(z.enum(RESOLUTION_TIERS)).min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('free'),
      minEdge: z.number().int().positive().optional(),
      maxEdge: z.number().int().positive().optional(),
      multipleOf: z.number().int().positive().optional(),
    })
    .strict(),
]);

const tierPrices = z
  .partialRecord(z.enum(RESOLUTION_TIERS), z.number().nonnegative())
  .transform((value) => value as Partial<Record<ResolutionTier, number>>);

/**
 * The catalog file operators edit: categories, providers, models with their offerings and
 * prices, and challenges. Keys are slugs so the file can be re-applied without duplicates.
 */
export const catalogSchema = z
  .object({
    $comment: z.string().optional(),
    categories: z.array(
      z
        .object({
          slug,
          name: z.string().min(1),
          arena: z.enum(ARENAS),
          description: z.string().optional(),
        })
        .strict(),
    ),
    providers: z.array(
      z
        .object({
          slug,
          name: z.string().min(1),
          kind: z.enum(PROVIDER_KINDS),
          baseUrl: z.string().url().optional(),
          apiKeyEnv: envName.optional(),
          enabled: z.boolean().default(true),
          concurrency: z.number().int().positive().default(4),
          ratePerMinute: z.number().int().positive().optional(),
        })
        .strict(),
    ),
    models: z.array(
      z
        .object({
          slug,
          name: z.string().min(1),
          creator: z.string().min(1),
          modelRef: z.string().optional(),
          releasedAt: z.string().optional(),
          arenas: z.array(z.enum(ARENAS)).min(1),
          notes: z.string().optional(),
          family: z.string().min(1).optional(),
          tags: z.array(z.string().min(1)).optional(),
          description: z.string().optional(),
          active: z.boolean().default(true),
          demo: z
            .object({
              quality: z.number().min(0).max(1),
              failureRate: z.number().min(0).max(1).optional(),
            })
            .strict()
            .optional(),
          offerings: z.array(
            z
              .object({
                provider: slug,
                providerModelId: z.string().min(1),
                prices: tierPrices.default({}),
                pricingNotes: z.string().optional(),
                /** Output sizes the provider accepts; guessed from the model id when absent. */
                sizeSupport: sizeSupport.optional(),
                priority: z.number().int().default(100),
                enabled: z.boolean().default(true),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
    challenges: z.array(
      z
        .object({
          slug,
          title: z.string().min(1),
          arena: z.enum(ARENAS),
          category: slug,
          prompt: z.string().min(1),
          aspectRatio: z.enum(ASPECT_RATIOS).default('1:1'),
          resolution: z.enum(RESOLUTION_TIERS).default('1K'),
          /** For editing: a demo source image rendered offline, or an image file. */
          sourceImage: z
            .union([
              z.object({ demo: slug }).strict(),
              z.object({ file: z.string().min(1) }).strict(),
            ])
            .optional(),
        })
        .strict(),
    ),
  })
  .strict()
  .superRefine((catalog, issue) => {
    const categories = new Map(catalog.categories.map((c) => [c.slug, c]));
    const providers = new Set(catalog.providers.map((p) => p.slug));
    catalog.models.forEach((model, m) =>
      model.offerings.forEach((offering, o) => {
        if (!providers.has(offering.provider)) {
          issue.addIssue({
            code: 'custom',
            path: ['models', m, 'offerings', o, 'provider'],
            message: `unknown provider "${offering.provider}"`,
          });
        }
      }),
    );
    catalog.challenges.forEach((challenge, c) => {
      const category = categories.get(challenge.category);
      if (!category) {
        issue.addIssue({
          code: 'custom',
          path: ['challenges', c, 'category'],
          message: `unknown category "${challenge.category}"`,
        });
      } else if (category.arena !== challenge.arena) {
        issue.addIssue({
          code: 'custom',
          path: ['challenges', c, 'category'],
          message: `category "${category.slug}" belongs to ${category.arena}`,
        });
      }
      if (challenge.arena === 'image-editing' && !challenge.sourceImage) {
        issue.addIssue({
          code: 'custom',
          path: ['challenges', c, 'sourceImage'],
          message: 'an image-editing challenge needs a source image',
        });
      }
    });
  });

export type Catalog = z.infer<typeof catalogSchema>;
