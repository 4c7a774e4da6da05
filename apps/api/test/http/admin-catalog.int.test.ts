import { auditLog, categories, generations, models, offerings, providers } from '@arena/db';
import { createOperatorToken } from '@arena/services';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draft } from '../support/admin';
import { startVotableArena, type TestArena } from '../support/arena';
import { TestClient } from '../support/client';
import { rowCounts } from '../support/db';
import { expectError } from '../support/errors';

/** The catalog in the operator console (routes/admin-catalog.ts), and catalog sync beside it. */
describe('catalog through the admin API', () => {
  let arena: TestArena;
  let token: string;
  let operatorId: string;
  const db = () => arena.runtime.ctx.db;
  const admin = () => ({ authorization: `Bearer ${token}` });
  const client = () => new TestClient(arena.app);
  const post = (path: string, body: unknown) => client().post(path, body, admin());
  const patch = (path: string, body: unknown) => client().request('PATCH', path, body, admin());
  const get = (path: string) => client().get(path, admin());
  const modelId = async (slug: string) =>
    (await db().select().from(models).where(eq(models.slug, slug)))[0]!.id;
  const audited = (action: string, subjectId: string) =>
    db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)));

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    ({ token, operatorId } = await createOperatorToken(arena.runtime.ctx, { name: 'catalog' }));
  }, 120_000);
  afterAll(async () => {
    await arena?.close();
  });

  it('creates, lists and edits providers, models, offerings and categories, audited', async () => {
    const provider = await post('/api/admin/providers', {
      slug: 'gateway',
      name: 'Gateway',
      kind: 'openai-compatible',
      baseUrl: 'https://gateway.example/v1',
      apiKeyEnv: 'GATEWAY_KEY',
      concurrency: 2,
      ratePerMinute: 30,
    });
    expect(provider.status).toBe(201);
    expect(provider.body).toMatchObject({
      slug: 'gateway',
      kind: 'openai-compatible',
      apiKeyEnv: 'GATEWAY_KEY',
      enabled: true,
      concurrency: 2,
      ratePerMinute: 30,
      offerings: 0,
    });
    const model = await post('/api/admin/models', {
      slug: 'zeta-vision',
      name: 'Zeta Vision',
      creator: 'Zeta Labs',
      family: 'Zeta',
      releasedAt: '2026-03',
      arenas: ['text-to-image'],
      tags: ['photo', 'fast'],
      description: 'A model made up for this test.',
    });
    expect(model.status).toBe(201);
    expect(model.body).toMatchObject({
      family: 'Zeta',
      tags: ['photo', 'fast'],
      active: true,
      retiredAt: null,
      offerings: { total: 0, enabled: 0 },
    });
    const offering = await post('/api/admin/offerings', {
      modelId: model.body.id,
      providerId: provider.body.id,
      providerModelId: 'zeta-v1',
      prices: { '1K': 0.04, '2K': 0.08 },
      priority: 10,
    });
    expect(offering.status).toBe(201);
    expect(offering.body).toMatchObject({
      model: { slug: 'zeta-vision' },
      provider: { slug: 'gateway' },
      prices: { '1K': 0.04, '2K': 0.08 },
      priority: 10,
      enabled: true,
    });
    const category = await post('/api/admin/categories', {
      slug: 'macro',
      name: 'Macro',
      arena: 'text-to-image',
    });
    expect(category.status).toBe(201);
    expect(category.body).toMatchObject({ slug: 'macro', challenges: 0, description: null });

    const edits: Array<[string, unknown, Record<string, unknown>]> = [
      [`/api/admin/models/${model.body.id}`, { name: 'Zeta Vision 2', tags: [] }, { tags: [] }],
      [`/api/admin/providers/${provider.body.id}`, { enabled: false, ratePerMinute: null }, {}],
      [`/api/admin/offerings/${offering.body.id}`, { prices: { '0.5K': 0 }, enabled: false }, {}],
      [`/api/admin/categories/${category.body.id}`, { description: 'Very close up.' }, {}],
    ];
    for (const [path, change, expected] of edits) {
      const edited = await patch(path, change);
      expect(edited.status, path).toBe(200);
      expect(edited.body, path).toMatchObject({ ...(change as object), ...expected });
    }
    const listed = await get('/api/admin/models');
    expect(listed.body.models.find((m: any) => m.slug === 'zeta-vision')).toMatchObject({
      name: 'Zeta Vision 2',
      offerings: { total: 1, enabled: 0 },
    });
    const byModel = await get(`/api/admin/offerings?modelId=${model.body.id}`);
    expect(byModel.body.offerings).toEqual([
      expect.objectContaining({ id: offering.body.id, prices: { '0.5K': 0 }, enabled: false }),
    ]);
    const providersListed = await get('/api/admin/providers');
    expect(providersListed.body.providers.map((p: any) => p.slug)).toContain('gateway');
    const editing = await get('/api/admin/categories?arena=image-editing');
    expect(editing.body.categories.map((c: any) => c.slug)).toEqual(['scene-transformation']);

    const [update] = await audited('model.update', model.body.id);
    expect(update).toMatchObject({
      operatorId,
      before: expect.objectContaining({ name: 'Zeta Vision', tags: ['photo', 'fast'] }),
      after: expect.objectContaining({ name: 'Zeta Vision 2', tags: [] }),
    });
    for (const [action, id] of [
      ['provider.create', provider.body.id],
      ['provider.update', provider.body.id],
      ['offering.create', offering.body.id],
      ['offering.update', offering.body.id],
      ['category.create', category.body.id],
      ['category.update', category.body.id],
    ]) {
      expect(await audited(action, id), action).toHaveLength(1);
    }
    // The key's variable is named; nothing anywhere holds a key.
    const [row] = await db().select().from(providers).where(eq(providers.slug, 'gateway'));
    expect(row).toMatchObject({ apiKeyEnv: 'GATEWAY_KEY', enabled: false, ratePerMinute: null });
  });

  it('retires a model: no new fan-outs, its history kept, shown as retired', async () => {
    const delta = await modelId('delta-draw');
    const answered = async () =>
      (
        await db().select({ n: count() }).from(generations).where(eq(generations.modelId, delta))
      )[0]!.n;
    const before = await answered();
    expect(before).toBeGreaterThan(0);
    const retired = await post(`/api/admin/models/${delta}/retire`, undefined);
    expect(retired.status).toBe(200);
    expect(retired.body.retiredAt).toEqual(expect.stringMatching(/^\d{4}-/));
    const again = await post(`/api/admin/models/${delta}/retire`, undefined);
    expect(again.body.retiredAt).toBe(retired.body.retiredAt);
    const listed = await client().get('/api/models');
    const shown = listed.body.models.find((m: any) => m.slug === 'delta-draw');
    expect(shown).toMatchObject({ retiredAt: retired.body.retiredAt });

    const created = await post('/api/admin/challenges', draft('after-retirement'));
    const launched = await post(`/api/admin/challenges/${created.body.id}/launch`, undefined);
    // alpha, beta and gamma; not delta.
    expect(launched.body).toMatchObject({ models: 3, generations: 9 });
    expect(await answered()).toBe(before);
    expect(await audited('model.retire', delta)).toHaveLength(1);

    const back = await post(`/api/admin/models/${delta}/unretire`, undefined);
    expect(back.body.retiredAt).toBeNull();
    expect(
      (await client().get('/api/models')).body.models.find((m: any) => m.id === delta),
    ).toMatchObject({ retiredAt: null });
  });

  it('refuses invalid catalog writes with a 4xx naming the field, and writes nothing', async () => {
    const tables = { models, providers, offerings, categories, auditLog };
    const before = await rowCounts(arena, tables);
    const alpha = await modelId('alpha-image');
    const [demo] = await db().select().from(providers).where(eq(providers.slug, 'demo'));
    const model = { slug: 'm', name: 'M', creator: 'C', arenas: ['text-to-image'] };
    const provider = { slug: 'p', name: 'P', kind: 'fal' };
    const offering = { modelId: alpha, providerId: demo!.id, providerModelId: 'x' };
    const nil = '00000000-0000-4000-8000-000000000000';
    const [M, P, O, C] = ['models', 'providers', 'offerings', 'categories'].map(
      (table) => `/api/admin/${table}`,
    ) as [string, string, string, string];
    // [method, path, body, status, the field a 400 names or the code of any other refusal]
    const cases: Array<[string, string, unknown, number, string?]> = [
      ['POST', M, { ...model, slug: 'Not A Slug' }, 400, 'slug'],
      ['POST', M, { ...model, arenas: [] }, 400, 'arenas'],
      ['POST', M, { ...model, releasedAt: '2026-13' }, 400, 'releasedAt'],
      ['POST', M, { ...model, owner: 'x' }, 400],
      ['POST', M, { ...model, slug: 'alpha-image' }, 409, 'slug_taken'],
      ['PATCH', `${M}/${alpha}`, { slug: 'beta-diffusion' }, 409, 'slug_taken'],
      ['PATCH', `${M}/${nil}`, { name: 'x' }, 404, 'model_not_found'],
      ['PATCH', `${M}/not-a-uuid`, { name: 'x' }, 400, 'id'],
      ['POST', `${M}/${nil}/retire`, undefined, 404, 'model_not_found'],
      ['POST', P, { ...provider, baseUrl: 'ftp://x.example' }, 400, 'baseUrl'],
      ['POST', P, { ...provider, baseUrl: 'javascript:alert(1)' }, 400, 'baseUrl'],
      ['POST', P, { ...provider, apiKeyEnv: 'sk-live-0123456789' }, 400, 'apiKeyEnv'],
      ['POST', P, { ...provider, concurrency: 0 }, 400, 'concurrency'],
      ['POST', P, { ...provider, ratePerMinute: -1 }, 400, 'ratePerMinute'],
      ['POST', P, { ...provider, kind: 'carrier-pigeon' }, 400, 'kind'],
      ['POST', P, { ...provider, slug: 'demo' }, 409, 'slug_taken'],
      ['PATCH', `${P}/${demo!.id}`, { apiKeyEnv: 'lower_case' }, 400, 'apiKeyEnv'],
      ['POST', O, { ...offering, prices: { '1K': -0.01 } }, 400, 'prices.1K'],
      ['POST', O, { ...offering, prices: { '8K': 1 } }, 400, 'prices'],
      ['POST', O, { ...offering, modelId: nil }, 404, 'model_not_found'],
      ['POST', O, { ...offering, providerId: nil }, 404, 'provider_not_found'],
      ['POST', O, offering, 409, 'offering_exists'],
      ['PATCH', `${O}/${nil}`, { priority: 1 }, 404, 'offering_not_found'],
      ['POST', C, { slug: 'photorealism', name: 'P', arena: 'text-to-image' }, 409, 'slug_taken'],
      ['POST', C, { slug: 'c', name: '', arena: 'text-to-image' }, 400, 'name'],
      ['PATCH', `${C}/${nil}`, { arena: 'image-editing' }, 400],
    ];
    for (const [method, path, body, status, named] of cases) {
      const label = `${method} ${path} ${JSON.stringify(body)}`;
      const response = await client().request(method, path, body, admin());
      expectError(response, status, status === 400 ? 'invalid_request' : named!, label);
      if (status === 400 && named) {
        expect(
          response.body.details.map((d: any) => d.path),
          label,
        ).toContain(named);
      }
    }
    expect(await rowCounts(arena, tables)).toEqual(before);
  });
});
