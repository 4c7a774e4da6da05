import { categories, challenges, models, offerings, providers } from '@arena/db';
import { createOperatorToken, loadCatalog, syncCatalog, type Catalog } from '@arena/services';
import { TEST_CATALOG_FILE } from '@arena/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, type TestArena } from '../support/arena';
import { TestClient } from '../support/client';

/**
 * The console and catalog.json never fight: sync creates what is missing and updates only
 * rows no operator has edited in the console (an audit entry names them), unless forced.
 */
describe('catalog sync beside console edits', () => {
  let arena: TestArena;
  let token: string;
  const db = () => arena.runtime.ctx.db;
  const patch = (path: string, body: unknown) =>
    new TestClient(arena.app).request('PATCH', path, body, {
      authorization: `Bearer ${token}`,
    });
  const modelId = async (slug: string) =>
    (await db().select().from(models).where(eq(models.slug, slug)))[0]!.id;

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    ({ token } = await createOperatorToken(arena.runtime.ctx, { name: 'sync' }));
  }, 120_000);
  afterAll(async () => {
    await arena?.close();
  });

  it('syncs the catalog file without undoing console edits, unless forced', async () => {
    const catalog: Catalog = await loadCatalog(TEST_CATALOG_FILE);
    const alpha = await modelId('alpha-image');
    const [demo] = await db().select().from(providers).where(eq(providers.slug, 'demo'));
    expect((await patch(`/api/admin/models/${alpha}`, { name: 'Alpha (console)' })).status).toBe(
      200,
    );
    expect((await patch(`/api/admin/providers/${demo!.id}`, { concurrency: 3 })).status).toBe(200);
    const [photo] = await db().select().from(categories).where(eq(categories.slug, 'photorealism'));
    expect((await patch(`/api/admin/categories/${photo!.id}`, { name: 'Photos' })).status).toBe(
      200,
    );
    const [offered] = await db().select().from(offerings).where(eq(offerings.modelId, alpha));
    expect((await patch(`/api/admin/offerings/${offered!.id}`, { priority: 7 })).status).toBe(200);

    const edited = structuredClone(catalog);
    edited.models.find((m) => m.slug === 'alpha-image')!.name = 'Alpha (file)';
    edited.models.find((m) => m.slug === 'beta-diffusion')!.name = 'Beta (file)';
    edited.providers.find((p) => p.slug === 'demo')!.concurrency = 5;
    edited.categories.find((c) => c.slug === 'photorealism')!.name = 'Photography';
    edited.categories.find((c) => c.slug === 'logo-typography')!.name = 'Logos';
    edited.models.find((m) => m.slug === 'alpha-image')!.offerings[0]!.priority = 9;
    edited.models.find((m) => m.slug === 'beta-diffusion')!.offerings[0]!.priority = 9;
    edited.models.push({
      slug: 'omega-art',
      name: 'Omega Art',
      creator: 'Omega',
      arenas: ['text-to-image'],
      active: true,
      tags: ['new'],
      offerings: [
        {
          provider: 'demo',
          providerModelId: 'omega-art',
          prices: {},
          priority: 100,
          enabled: true,
        },
      ],
    });
    const synced = await syncCatalog(arena.runtime.ctx, {
      catalog: edited,
      catalogFile: TEST_CATALOG_FILE,
    });
    expect(synced.kept).toEqual({
      categories: ['photorealism'],
      providers: ['demo'],
      models: ['alpha-image'],
      offerings: ['alpha-image/demo'],
    });
    const nameOf = async (slug: string) =>
      (await db().select().from(models).where(eq(models.slug, slug)))[0]?.name;
    const concurrency = async () =>
      (await db().select().from(providers).where(eq(providers.slug, 'demo')))[0]!.concurrency;
    // What the console changed stays; what it never touched follows the file; new rows come.
    expect(await nameOf('alpha-image')).toBe('Alpha (console)');
    expect(await concurrency()).toBe(3);
    expect(await nameOf('beta-diffusion')).toBe('Beta (file)');
    expect(await nameOf('omega-art')).toBe('Omega Art');
    const categoryName = async (slug: string) =>
      (await db().select().from(categories).where(eq(categories.slug, slug)))[0]!.name;
    expect([await categoryName('photorealism'), await categoryName('logo-typography')]).toEqual([
      'Photos',
      'Logos',
    ]);
    const priorities = async () =>
      (
        await db()
          .select({ slug: models.slug, priority: offerings.priority })
          .from(offerings)
          .innerJoin(models, eq(models.id, offerings.modelId))
      ).filter((row) => row.slug === 'alpha-image' || row.slug === 'beta-diffusion');
    expect(await priorities()).toEqual(
      expect.arrayContaining([
        { slug: 'alpha-image', priority: 7 },
        { slug: 'beta-diffusion', priority: 9 },
      ]),
    );
    const [omega] = await db().select().from(models).where(eq(models.slug, 'omega-art'));
    expect(omega!.tags).toEqual(['new']);
    expect(
      await db().select().from(offerings).where(eq(offerings.modelId, omega!.id)),
    ).toHaveLength(1);
    expect(
      await db().select().from(challenges).where(eq(challenges.slug, 'rainy-street')),
    ).toHaveLength(1);

    const forced = await syncCatalog(arena.runtime.ctx, {
      catalog: edited,
      catalogFile: TEST_CATALOG_FILE,
      force: true,
    });
    expect(forced.kept).toEqual({ categories: [], providers: [], models: [], offerings: [] });
    expect(await nameOf('alpha-image')).toBe('Alpha (file)');
    expect(await concurrency()).toBe(5);
    expect(await categoryName('photorealism')).toBe('Photography');
    expect(await priorities()).toContainEqual({ slug: 'alpha-image', priority: 9 });
  });
});
