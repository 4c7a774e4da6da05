import { categories, challenges, models, offerings, providers } from '@arena/db';
import { TEST_CATALOG_FILE } from '@arena/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, syncCatalog, type Catalog } from '../src';
import { createTestServices, type TestServices } from './support/test-services';

/** An operator edits the catalog file and applies it again: rows are updated, not added. */
describe('applying an edited catalog', () => {
  let test: TestServices;
  let catalog: Catalog;
  const db = () => test.ctx.db;

  beforeAll(async () => {
    test = await createTestServices();
    catalog = await loadCatalog(TEST_CATALOG_FILE);
    await syncCatalog(test.ctx, { catalog, catalogFile: TEST_CATALOG_FILE });
  });
  afterAll(async () => {
    await test?.close();
  });

  it('updates categories, providers, models and offerings by slug, and never a challenge', async () => {
    const edited: Catalog = structuredClone(catalog);
    edited.categories[0]!.name = 'Photographs';
    edited.categories[0]!.description = 'Pictures that could be photographs.';
    edited.providers.push({
      slug: 'gateway',
      name: 'Gateway',
      kind: 'openai-compatible',
      baseUrl: 'https://gateway.example/v1',
      apiKeyEnv: 'GATEWAY_KEY',
      enabled: true,
      concurrency: 2,
      ratePerMinute: 30,
    });
    const alpha = edited.models[0]!;
    alpha.name = 'Alpha Image 2';
    alpha.releasedAt = '2026-10';
    alpha.notes = 'Renamed.';
    alpha.offerings.push({
      provider: 'gateway',
      providerModelId: 'alpha-image-v2',
      prices: { '1K': 0.04 },
      priority: 10,
      enabled: true,
    });
    edited.challenges[0]!.prompt = 'A different prompt.';
    const first = await syncCatalog(test.ctx, { catalog: edited, catalogFile: TEST_CATALOG_FILE });
    expect(first.challengesAdded).toEqual([]);

    // Applied again with changes to the rows the first pass created.
    edited.providers.at(-1)!.baseUrl = 'https://gateway.example/v2';
    edited.providers.at(-1)!.concurrency = 5;
    alpha.offerings.at(-1)!.prices = { '1K': 0.05, '2K': 0.09 };
    alpha.offerings.at(-1)!.providerModelId = 'alpha-image-v3';
    const second = await syncCatalog(test.ctx, { catalog: edited, catalogFile: TEST_CATALOG_FILE });
    expect(second).toMatchObject({
      categories: catalog.categories.length,
      providers: catalog.providers.length + 1,
      models: catalog.models.length,
    });

    const [category] = await db()
      .select()
      .from(categories)
      .where(eq(categories.slug, edited.categories[0]!.slug));
    expect(category).toMatchObject({
      name: 'Photographs',
      description: 'Pictures that could be photographs.',
    });
    const [gateway] = await db().select().from(providers).where(eq(providers.slug, 'gateway'));
    expect(gateway).toMatchObject({
      baseUrl: 'https://gateway.example/v2',
      apiKeyEnv: 'GATEWAY_KEY',
      concurrency: 5,
      ratePerMinute: 30,
    });
    const [model] = await db().select().from(models).where(eq(models.slug, alpha.slug));
    expect(model).toMatchObject({ name: 'Alpha Image 2', notes: 'Renamed.' });
    const offered = await db()
      .select()
      .from(offerings)
      .where(eq(offerings.providerId, gateway!.id));
    expect(offered).toHaveLength(1);
    expect(offered[0]).toMatchObject({
      modelId: model!.id,
      providerModelId: 'alpha-image-v3',
      prices: { '1K': 0.05, '2K': 0.09 },
      priority: 10,
    });
    const [challenge] = await db()
      .select({ prompt: challenges.prompt })
      .from(challenges)
      .where(eq(challenges.slug, edited.challenges[0]!.slug));
    expect(challenge!.prompt).toBe(catalog.challenges[0]!.prompt);
  });
});
