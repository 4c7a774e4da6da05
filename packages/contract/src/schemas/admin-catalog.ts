import { ARENAS, PROVIDER_KINDS, RESOLUTION_TIERS } from '@arena/core';
import { z } from 'zod';
import { arenaSchema } from './common';

/**
 * The catalog as operators edit it in the console: models, providers, offerings (model x
 * provider) and categories. Requests are strict (an unknown field is a 400); updates are
 * partial, and `null` clears an optional field.
 */

export const catalogSlug = z
  .string()
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters and digits, words joined by hyphens');

/** Only http(s): a provider's base URL is fetched by workers, so no file:, data: or the like. */
const httpUrl = z
  .string()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'an http:// or https:// URL');

/** The NAME of the variable holding the key: the key itself never enters the database. */
const keyEnvName = z
  .string()
  .max(128)
  .regex(/^[A-Z][A-Z0-9_]*$/, 'an environment variable name such as FAL_KEY (A-Z, 0-9, _)');

/** A year, a month or a day: 2025, 2025-08 or 2025-08-26. */
const releaseDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD');

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => text(max).nullable().optional();

/** USD per image by resolution tier; a tier left out has no known price. */
export const tierPricesSchema = z
  .object(
    Object.fromEntries(
      RESOLUTION_TIERS.map((tier) => [tier, z.number().nonnegative().max(1000).optional()]),
    ) as Record<(typeof RESOLUTION_TIERS)[number], z.ZodOptional<z.ZodNumber>>,
  )
  .strict();
export type TierPricesInput = z.infer<typeof tierPricesSchema>;

// Models

export const adminModelSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  creator: z.string(),
  family: z.string().nullable(),
  modelRef: z.string().nullable(),
  releasedAt: z.string().nullable(),
  arenas: z.array(arenaSchema),
  tags: z.array(z.string()),
  description: z.string().nullable(),
  active: z.boolean(),
  /** Retired models get no new challenges; their history and ratings stay. */
  retiredAt: z.string().nullable(),
  /** Offerings of this model, and how many of them are enabled. */
  offerings: z.object({ total: z.number().int(), enabled: z.number().int() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AdminModel = z.infer<typeof adminModelSchema>;
export const adminModelListSchema = z.object({ models: z.array(adminModelSchema) });

const modelFields = {
  name: text(120),
  creator: text(120),
  family: optionalText(120),
  modelRef: optionalText(200),
  releasedAt: releaseDate.nullable().optional(),
  arenas: z
    .array(z.enum(ARENAS))
    .min(1)
    .refine((list) => new Set(list).size === list.length, 'each arena once'),
  tags: z.array(text(40)).max(20),
  description: optionalText(4000),
  active: z.boolean(),
};

export const createModelInput = z
  .object({
    slug: catalogSlug,
    ...modelFields,
    tags: modelFields.tags.default([]),
    active: modelFields.active.default(true),
  })
  .strict();
export type CreateModelInput = z.input<typeof createModelInput>;

export const updateModelInput = z
  .object({
    slug: catalogSlug.optional(),
    name: modelFields.name.optional(),
    creator: modelFields.creator.optional(),
    family: modelFields.family,
    modelRef: modelFields.modelRef,
    releasedAt: modelFields.releasedAt,
    arenas: modelFields.arenas.optional(),
    tags: modelFields.tags.optional(),
    description: modelFields.description,
    active: modelFields.active.optional(),
  })
  .strict();
export type UpdateModelInput = z.input<typeof updateModelInput>;

// Providers

export const adminProviderSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(PROVIDER_KINDS),
  baseUrl: z.string().nullable(),
  /** The environment variable the workers read the key from; never the key. */
  apiKeyEnv: z.string().nullable(),
  enabled: z.boolean(),
  concurrency: z.number().int(),
  ratePerMinute: z.number().int().nullable(),
  offerings: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AdminProvider = z.infer<typeof adminProviderSchema>;
export const adminProviderListSchema = z.object({ providers: z.array(adminProviderSchema) });

const providerFields = {
  name: text(120),
  kind: z.enum(PROVIDER_KINDS),
  baseUrl: httpUrl.nullable().optional(),
  apiKeyEnv: keyEnvName.nullable().optional(),
  enabled: z.boolean(),
  concurrency: z.number().int().min(1).max(1000),
  ratePerMinute: z.number().int().min(1).max(1_000_000).nullable().optional(),
};

export const createProviderInput = z
  .object({
    slug: catalogSlug,
    ...providerFields,
    enabled: providerFields.enabled.default(true),
    concurrency: providerFields.concurrency.default(4),
  })
  .strict();
export type CreateProviderInput = z.input<typeof createProviderInput>;

export const updateProviderInput = z
  .object({
    slug: catalogSlug.optional(),
    name: providerFields.name.optional(),
    kind: providerFields.kind.optional(),
    baseUrl: providerFields.baseUrl,
    apiKeyEnv: providerFields.apiKeyEnv,
    enabled: providerFields.enabled.optional(),
    concurrency: providerFields.concurrency.optional(),
    ratePerMinute: providerFields.ratePerMinute,
  })
  .strict();
export type UpdateProviderInput = z.input<typeof updateProviderInput>;

// Offerings

const namedRef = z.object({ id: z.string(), slug: z.string(), name: z.string() });

export const adminOfferingSchema = z.object({
  id: z.string(),
  model: namedRef,
  provider: namedRef,
  providerModelId: z.string(),
  prices: tierPricesSchema,
  pricingNotes: z.string().nullable(),
  /** Lower runs first. */
  priority: z.number().int(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AdminOffering = z.infer<typeof adminOfferingSchema>;
export const adminOfferingListSchema = z.object({ offerings: z.array(adminOfferingSchema) });

const offeringFields = {
  providerModelId: text(300),
  prices: tierPricesSchema,
  pricingNotes: optionalText(500),
  priority: z.number().int().min(0).max(1_000_000),
  enabled: z.boolean(),
};

export const createOfferingInput = z
  .object({
    modelId: z.uuid(),
    providerId: z.uuid(),
    ...offeringFields,
    prices: offeringFields.prices.default({}),
    priority: offeringFields.priority.default(100),
    enabled: offeringFields.enabled.default(true),
  })
  .strict();
export type CreateOfferingInput = z.input<typeof createOfferingInput>;

export const updateOfferingInput = z
  .object({
    providerModelId: offeringFields.providerModelId.optional(),
    prices: offeringFields.prices.optional(),
    pricingNotes: offeringFields.pricingNotes,
    priority: offeringFields.priority.optional(),
    enabled: offeringFields.enabled.optional(),
  })
  .strict();
export type UpdateOfferingInput = z.input<typeof updateOfferingInput>;

export const offeringFilterQuery = z.object({
  modelId: z.uuid().optional(),
  providerId: z.uuid().optional(),
});

// Categories

export const adminCategorySchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  arena: arenaSchema,
  description: z.string().nullable(),
  /** Challenges filed under it, drafts included. */
  challenges: z.number().int(),
  createdAt: z.string(),
});
export type AdminCategory = z.infer<typeof adminCategorySchema>;
export const adminCategoryListSchema = z.object({ categories: z.array(adminCategorySchema) });

export const createCategoryInput = z
  .object({
    slug: catalogSlug,
    name: text(120),
    arena: z.enum(ARENAS),
    description: optionalText(1000),
  })
  .strict();
export type CreateCategoryInput = z.input<typeof createCategoryInput>;

/** A category's arena never changes: its challenges and ratings belong to that arena. */
export const updateCategoryInput = z
  .object({
    slug: catalogSlug.optional(),
    name: text(120).optional(),
    description: optionalText(1000),
  })
  .strict();
export type UpdateCategoryInput = z.input<typeof updateCategoryInput>;
