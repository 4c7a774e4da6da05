import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { categories, challenges, fromExcluded, models, offerings, providers } from '@arena/db';
import { renderSourceImage } from '@arena/demo-provider';
import { inArray } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { neverEditedInConsole, type CatalogTable } from '../catalog-admin/console-edits';
import type { ServiceContext } from '../context';
import { storeImage } from '../images/store-image';
import type { Catalog } from './catalog-schema';
import { DEFAULT_CATALOG_FILE } from '../default-catalog';

export interface CatalogSyncResult {
  categories: number;
  providers: number;
  models: number;
  offerings: number;
  challengesAdded: string[];
  /**
   * Rows of the file left as they are because an operator has edited them in the console
   * (slugs; offerings as `model/provider`). `force` applies the file to them too.
   */
  kept: { categories: string[]; providers: string[]; models: string[]; offerings: string[] };
}

type SourceSpec = NonNullable<Catalog['challenges'][number]['sourceImage']>;

async function sourceBytes(spec: SourceSpec, catalogFile: string): Promise<Buffer> {
  if ('demo' in spec) return renderSourceImage(spec.demo);
  return readFile(resolve(dirname(catalogFile), spec.file));
}

/**
 * Applies the catalog file to the database: categories, providers, models and offerings are
 * inserted, and updated by slug unless an operator has edited them in the console (an audit
 * entry names the row; `force` updates those too), so the file never undoes a console edit
 * and never deletes anything. Challenges are only added, never changed, because a launched
 * challenge's prompt is part of its results.
 */
export async function syncCatalog(
  ctx: Pick<ServiceContext, 'db' | 'store' | 'logger'>,
  input: {
    catalog: Catalog;
    /** The catalog's file: image paths in it are relative to its folder. */
    catalogFile?: string;
    /** Update rows edited in the console too: the file wins. */
    force?: boolean;
  },
): Promise<CatalogSyncResult> {
  const { catalog, catalogFile = DEFAULT_CATALOG_FILE, force = false } = input;
  const unlessEdited = (table: CatalogTable) =>
    force ? {} : { setWhere: neverEditedInConsole(table) };
  const existing = await ctx.db
    .select({ slug: challenges.slug })
    .from(challenges)
    .where(
      inArray(
        challenges.slug,
        catalog.challenges.map((c) => c.slug),
      ),
    );
  const known = new Set(existing.map((row) => row.slug));
  const newChallenges = catalog.challenges.filter((c) => !known.has(c.slug));

  // Source images are rendered and stored before the transaction: it stays short, and an
  // image without a challenge is harmless.
  const sourceImageIds = new Map<string, string>();
  for (const challenge of newChallenges) {
    if (!challenge.sourceImage) continue;
    const image = await storeImage(ctx, {
      bytes: await sourceBytes(challenge.sourceImage, catalogFile),
      kind: 'source',
    });
    sourceImageIds.set(challenge.slug, image.id);
  }

  return ctx.db.transaction(async (tx) => {
    const now = new Date();
    const categoryRows = await tx
      .insert(categories)
      .values(
        catalog.categories.map((c) => ({
          slug: c.slug,
          name: c.name,
          arena: c.arena,
          description: c.description ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: categories.slug,
        set: fromExcluded(categories, ['name', 'arena', 'description']),
        ...unlessEdited('categories'),
      })
      .returning({ id: categories.id, slug: categories.slug });

    const providerRows = await tx
      .insert(providers)
      .values(
        catalog.providers.map((p) => ({
          slug: p.slug,
          name: p.name,
          kind: p.kind,
          baseUrl: p.baseUrl ?? null,
          apiKeyEnv: p.apiKeyEnv ?? null,
          enabled: p.enabled,
          concurrency: p.concurrency,
          ratePerMinute: p.ratePerMinute ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: providers.slug,
        set: {
          ...fromExcluded(providers, [
            'name',
            'kind',
            'baseUrl',
            'apiKeyEnv',
            'enabled',
            'concurrency',
            'ratePerMinute',
          ]),
          updatedAt: now,
        },
        ...unlessEdited('providers'),
      })
      .returning({ id: providers.id, slug: providers.slug });

    const modelRows = await tx
      .insert(models)
      .values(
        catalog.models.map((m) => ({
          slug: m.slug,
          name: m.name,
          creator: m.creator,
          modelRef: m.modelRef ?? null,
          releasedAt: m.releasedAt ?? null,
          arenas: m.arenas,
          active: m.active,
          notes: m.notes ?? null,
          demo: m.demo ?? null,
          family: m.family ?? null,
          tags: m.tags ?? [],
          description: m.description ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: models.slug,
        set: {
          ...fromExcluded(models, [
            'name',
            'creator',
            'modelRef',
            'releasedAt',
            'arenas',
            'active',
            'notes',
            'demo',
            'family',
            'tags',
            'description',
          ]),
          updatedAt: now,
        },
        ...unlessEdited('models'),
      })
      .returning({ id: models.id, slug: models.slug });

    // Rows kept for the console are not returned by their upsert: look every id up.
    const providerId = await idsBySlug(tx, providers, catalog.providers);
    const modelId = await idsBySlug(tx, models, catalog.models);
    const offeringValues = catalog.models.flatMap((m) =>
      m.offerings.map((o) => ({
        modelId: modelId.get(m.slug)!,
        providerId: providerId.get(o.provider)!,
        providerModelId: o.providerModelId,
        prices: o.prices,
        pricingNotes: o.pricingNotes ?? null,
        sizeSupport: o.sizeSupport ?? null,
        priority: o.priority,
        enabled: o.enabled,
      })),
    );
    let offeringRows: Array<{ modelId: string; providerId: string }> = [];
    if (offeringValues.length > 0) {
      offeringRows = await tx
        .insert(offerings)
        .values(offeringValues)
        .onConflictDoUpdate({
          target: [offerings.modelId, offerings.providerId],
          set: {
            ...fromExcluded(offerings, [
              'providerModelId',
              'prices',
              'pricingNotes',
              'sizeSupport',
              'priority',
              'enabled',
            ]),
            updatedAt: now,
          },
          ...unlessEdited('offerings'),
        })
        .returning({ modelId: offerings.modelId, providerId: offerings.providerId });
    }

    const categoryId = await idsBySlug(tx, categories, catalog.categories);
    const added: string[] = [];
    for (const challenge of newChallenges) {
      const inserted = await tx
        .insert(challenges)
        .values({
          slug: challenge.slug,
          title: challenge.title,
          arena: challenge.arena,
          categoryId: categoryId.get(challenge.category)!,
          prompt: challenge.prompt,
          aspectRatio: challenge.aspectRatio,
          resolution: challenge.resolution,
          sourceImageId: sourceImageIds.get(challenge.slug) ?? null,
        })
        .onConflictDoNothing({ target: challenges.slug })
        .returning({ slug: challenges.slug });
      if (inserted.length > 0) added.push(challenge.slug);
    }
    ctx.logger.info(
      { categories: categoryRows.length, models: modelRows.length, challengesAdded: added.length },
      'catalog applied',
    );
    return {
      categories: categoryRows.length,
      providers: providerRows.length,
      models: modelRows.length,
      offerings: offeringRows.length,
      challengesAdded: added,
      kept: {
        categories: missing(catalog.categories, categoryRows),
        providers: missing(catalog.providers, providerRows),
        models: missing(catalog.models, modelRows),
        offerings: catalog.models.flatMap((m) =>
          m.offerings
            .filter(
              (o) =>
                !offeringRows.some(
                  (row) =>
                    row.modelId === modelId.get(m.slug) &&
                    row.providerId === providerId.get(o.provider),
                ),
            )
            .map((o) => `${m.slug}/${o.provider}`),
        ),
      },
    };
  });
}

type Tx = Parameters<Parameters<ServiceContext['db']['transaction']>[0]>[0];

/** The ids of the file's rows of a table, by slug. */
async function idsBySlug(
  tx: Tx,
  table: PgTable & { id: AnyPgColumn; slug: AnyPgColumn },
  rows: ReadonlyArray<{ slug: string }>,
): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const found = await tx
    .select({ id: table.id, slug: table.slug })
    .from(table)
    .where(
      inArray(
        table.slug,
        rows.map((row) => row.slug),
      ),
    );
  return new Map(found.map((row) => [row.slug as string, row.id as string]));
}

/** Slugs of the file that the upsert did not return: kept as the console left them. */
function missing(rows: ReadonlyArray<{ slug: string }>, applied: ReadonlyArray<{ slug: string }>) {
  const done = new Set(applied.map((row) => row.slug));
  return rows.filter((row) => !done.has(row.slug)).map((row) => row.slug);
}
