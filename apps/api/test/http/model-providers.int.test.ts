import { generations, generationTries, models, offerings, providers } from '@arena/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, type TestArena } from '../support/arena';
import { TestClient } from '../support/client';
import { expectError } from '../support/errors';

const KEY_ENV = 'ACME_CLOUD_API_KEY';
const KEY = 'sk-acme-live-4f9a1c7e2b8d0356';
const BASE_URL = 'https://api.acme-cloud.example/v1';
const DAY = 86_400_000;

/**
 * GET /api/models/{slug}/providers (routes/model-providers.ts): where a model is offered, at
 * what price, and how each provider performed over 30 days; never how to reach one.
 */
describe('providers and pricing of a model', () => {
  let arena: TestArena;
  const client = () => new TestClient(arena.app);
  const db = () => arena.runtime.ctx.db;

  beforeAll(async () => {
    // A provider with a key in the environment and a base URL, beside the demo provider.
    arena = await startVotableArena('postgres', {}, { [KEY_ENV]: KEY });
    const [alpha] = await db().select().from(models).where(eq(models.slug, 'alpha-image'));
    const reach = { baseUrl: BASE_URL, apiKeyEnv: KEY_ENV };
    const [acme, sleepy] = await db()
      .insert(providers)
      .values([
        { slug: 'acme', name: 'Acme Cloud', kind: 'openai-compatible', ...reach },
        { slug: 'sleepy', name: 'Sleepy', kind: 'fal', ...reach, enabled: false },
      ])
      .returning();
    await db()
      .insert(offerings)
      .values([
        {
          modelId: alpha!.id,
          providerId: acme!.id,
          providerModelId: 'acme/alpha-xl',
          prices: { '1K': 0.04, '2K': 0.08 },
          pricingNotes: 'batch discount on request',
          priority: 5,
        },
        { modelId: alpha!.id, providerId: sleepy!.id, providerModelId: 'a', priority: 500 },
      ]);
    // Calls to Acme on one of alpha's generations: four succeeded, one failed, one cut short
    // by a dying worker, one still running, one older than the 30-day window.
    const [generation] = await db()
      .select()
      .from(generations)
      .where(eq(generations.modelId, alpha!.id))
      .limit(1);
    const now = Date.now();
    const call = (n: number, outcome: 'succeeded' | 'failed' | 'running', ms: number, ago = 0) => ({
      generationId: generation!.id,
      tryNo: 100 + n,
      providerId: acme!.id,
      outcome,
      startedAt: new Date(now - ago - 60_000),
      latencyMs: ms,
      ttfbMs: ms / 10,
      errorClass: outcome === 'failed' ? (n === 6 ? 'worker_lost' : 'server_error') : null,
    });
    await db()
      .insert(generationTries)
      .values([
        call(1, 'succeeded', 100),
        call(2, 'succeeded', 200),
        call(3, 'succeeded', 300),
        call(4, 'succeeded', 400),
        call(5, 'failed', 50),
        call(6, 'failed', 70),
        call(7, 'running', 80),
        call(8, 'succeeded', 9_000, 40 * DAY),
      ]);
  });
  afterAll(async () => {
    await arena?.close();
  });

  it('lists where a model is offered, by priority, with prices and 30-day performance', async () => {
    const response = await client().get('/api/models/alpha-image/providers');
    expect(response.status).toBe(200);
    const [alpha] = await db().select().from(models).where(eq(models.slug, 'alpha-image'));
    expect(response.body.model).toEqual({
      id: alpha!.id,
      slug: 'alpha-image',
      name: 'Alpha Image',
    });
    const [acme, demo, sleepy] = response.body.providers;
    expect(response.body.providers).toHaveLength(3);
    expect(acme).toEqual({
      provider: { slug: 'acme', name: 'Acme Cloud', kind: 'openai-compatible' },
      providerModelId: 'acme/alpha-xl',
      prices: { '1K': 0.04, '2K': 0.08 },
      pricingNotes: 'batch discount on request',
      priority: 5,
      enabled: true,
      // Five finished calls in the window: the worker's loss is not the provider's.
      performance: {
        requests: 5,
        succeeded: 4,
        successRate: 0.8,
        p50Ms: 250,
        p95Ms: 385,
        ttfbP50Ms: 25,
      },
    });
    expect(sleepy).toMatchObject({ provider: { slug: 'sleepy' }, enabled: false, priority: 500 });
    expect(sleepy.performance).toMatchObject({ requests: 0, successRate: null, p50Ms: null });
    // The demo provider made alpha's images: one finished call per generation.
    const demoCalls = await db()
      .select()
      .from(generationTries)
      .innerJoin(generations, eq(generations.id, generationTries.generationId))
      .innerJoin(providers, eq(providers.id, generationTries.providerId))
      .where(and(eq(generations.modelId, alpha!.id), eq(providers.slug, 'demo')));
    expect(demoCalls.length).toBeGreaterThan(0);
    expect(demo).toMatchObject({
      provider: { slug: 'demo', kind: 'demo' },
      providerModelId: 'alpha-image',
      enabled: true,
      performance: { requests: demoCalls.length, succeeded: demoCalls.length, successRate: 1 },
    });

    const gamma = await client().get('/api/models/gamma-gen/providers');
    expect(gamma.body.providers.map((p: any) => p.provider.slug)).toEqual(['demo']);
  });

  it('never reveals a key, the name of its variable, a base URL or a provider id', async () => {
    const ids = (await db().select().from(providers)).map((p) => p.id);
    for (const slug of ['alpha-image', 'beta-diffusion', 'gamma-gen', 'delta-draw']) {
      const response = await client().get(`/api/models/${slug}/providers`);
      expect(response.status).toBe(200);
      const text = JSON.stringify(response.body);
      for (const secret of [KEY, KEY_ENV, BASE_URL, 'acme-cloud.example', 'apiKey', ...ids]) {
        expect(text, `${slug}: ${secret}`).not.toContain(secret);
      }
      for (const offering of response.body.providers) {
        expect(Object.keys(offering.provider).sort()).toEqual(['kind', 'name', 'slug']);
      }
    }
  });

  it('answers an unknown model with 404 and a malformed slug with 400', async () => {
    const cases: Array<[string, number, string]> = [
      ['no-such-model', 404, 'model_not_found'],
      ['x'.repeat(121), 400, 'invalid_request'],
      ['bad%00slug', 400, 'invalid_request'],
    ];
    for (const [slug, status, code] of cases) {
      expectError(await client().get(`/api/models/${slug}/providers`), status, code, slug);
    }
  });
});
