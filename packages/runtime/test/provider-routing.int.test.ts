import { challenges, generations, generationTries, models, providers } from '@arena/db';
import { findChallengeIdBySlug, launchChallenge, syncCatalog } from '@arena/services';
import { waitFor } from '@arena/testing';
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestRuntime,
  FAKE_KEY_ENV,
  fleetCatalog,
  LOOPBACK_ADAPTER_OPTIONS,
  providerModelId,
  startFakeFleet,
  type FakeFleet,
  type FleetModel,
  type TestRuntime,
} from '../src/testing';

/**
 * Generation through real provider APIs (loopback fakes): failover to the next provider,
 * refusals not retried, Retry-After honoured, per-provider concurrency kept.
 */
describe('provider routing and limits', () => {
  let fleet: FakeFleet;
  let test: TestRuntime | undefined;

  beforeAll(async () => {
    fleet = await startFakeFleet(3);
  });
  afterEach(async () => {
    await test?.close();
    test = undefined;
    for (const server of Object.values(fleet.servers)) server.reset();
  });
  afterAll(async () => {
    await fleet?.close();
  });

  async function runChallenge(
    fleetModels: FleetModel[],
    options: Parameters<typeof fleetCatalog>[2] = {},
  ) {
    test = await createTestRuntime({
      driver: 'postgres',
      adapterOptions: LOOPBACK_ADAPTER_OPTIONS,
      providerEnv: { [FAKE_KEY_ENV]: fleet.key },
    });
    const { ctx } = test.runtime;
    await syncCatalog(ctx, { catalog: fleetCatalog(fleet, fleetModels, options) });
    const challengeId = await findChallengeIdBySlug(ctx, { slug: 'challenge-1' });
    await launchChallenge(ctx, { challengeId });
    await test.runtime.startJobs();
    await waitFor(
      async () => {
        const [row] = await ctx.db.select().from(challenges).where(eq(challenges.id, challengeId));
        return row!.status === 'voting' || row!.status === 'failed';
      },
      60_000,
      'the challenge to finish generating',
    );
    return ctx;
  }

  async function triesOf(ctx: TestRuntime['runtime']['ctx'], modelSlug: string) {
    const rows = await ctx.db
      .select({ generation: generations, attempt: generationTries, provider: providers.slug })
      .from(generationTries)
      .innerJoin(generations, eq(generations.id, generationTries.generationId))
      .innerJoin(models, eq(models.id, generations.modelId))
      .innerJoin(providers, eq(providers.id, generationTries.providerId))
      .where(eq(models.slug, modelSlug))
      .orderBy(asc(generationTries.startedAt));
    return rows;
  }

  it('moves a failed attempt on to the next provider and records every try', async () => {
    fleet.servers.openai.scenario.scriptFor(providerModelId('openai', 'm-two-routes'), {
      kind: 'server_error',
      status: 503,
    });
    const ctx = await runChallenge([
      { slug: 'm-two-routes', routes: [{ kind: 'openai' }, { kind: 'gemini' }] },
      { slug: 'm-other', routes: [{ kind: 'fal' }] },
    ]);
    const tries = await triesOf(ctx, 'm-two-routes');
    const byGeneration = new Map<string, typeof tries>();
    for (const t of tries)
      byGeneration.set(t.generation.id, [...(byGeneration.get(t.generation.id) ?? []), t]);
    expect(byGeneration.size).toBe(3);
    const retried = [...byGeneration.values()].filter((list) => list.length > 1);
    expect(retried).toHaveLength(1);
    const [first, second] = retried[0]!;
    expect(first!.provider).toBe('fake-openai');
    expect(first!.attempt.outcome).toBe('failed');
    expect(first!.attempt.errorClass).toBe('server_error');
    expect(first!.attempt.httpStatus).toBe(503);
    expect(second!.provider).toBe('fake-gemini');
    expect(second!.attempt.outcome).toBe('succeeded');
    expect(second!.generation.status).toBe('succeeded');
    expect(second!.generation.tries).toBe(2);
    // The generation names the provider that produced the image, and its cost for the tier.
    const [row] = await ctx.db
      .select()
      .from(generations)
      .where(eq(generations.id, second!.generation.id));
    const [gemini] = await ctx.db.select().from(providers).where(eq(providers.slug, 'fake-gemini'));
    expect(row!.providerId).toBe(gemini!.id);
    // Asked for 0.5K; priced at the tier the model actually produced.
    expect(row!.sizeRequested).toBe('512x512');
    expect(row!.sizeMapping?.requested.resolution).toBe('0.5K');
    const prices: Record<string, number> = { '0.5K': 0.02, '1K': 0.04 };
    expect(row!.costUsd).toBe(prices[row!.sizeMapping!.used.resolution]);
    expect(row!.sizeUsed).toBe(row!.sizeMapping!.used.size);
  });

  it('does not retry a content-policy refusal and keeps the provider’s reason', async () => {
    fleet.servers.openai.scenario.scriptFor(providerModelId('openai', 'm-refused'), {
      kind: 'content_policy',
      reason: 'Your request was rejected by the safety system',
    });
    const ctx = await runChallenge([
      { slug: 'm-refused', routes: [{ kind: 'openai' }, { kind: 'gemini' }] },
      { slug: 'm-fine', routes: [{ kind: 'replicate' }] },
    ]);
    const tries = await triesOf(ctx, 'm-refused');
    const refused = tries.filter((t) => t.attempt.errorClass === 'content_policy');
    expect(refused).toHaveLength(1);
    const generation = refused[0]!.generation;
    expect(generation.status).toBe('failed');
    expect(generation.errorClass).toBe('content_policy');
    expect(generation.errorMessage).toContain('safety system');
    expect(tries.filter((t) => t.generation.id === generation.id)).toHaveLength(1);
    expect(fleet.servers.gemini.requestsOf('generate')).toHaveLength(0);
  });

  it('refuses an image URL on a private address, once, without retrying', async () => {
    fleet.servers.fal.scenario.scriptFor(providerModelId('fal', 'm-sneaky'), {
      kind: 'private_image_url',
      url: 'http://169.254.169.254/latest/meta-data/',
    });
    const ctx = await runChallenge([
      { slug: 'm-sneaky', routes: [{ kind: 'fal' }] },
      { slug: 'm-other', routes: [{ kind: 'openai' }] },
    ]);
    const tries = await triesOf(ctx, 'm-sneaky');
    const refused = tries.filter((t) => t.attempt.errorClass === 'unsafe_url');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.generation.status).toBe('failed');
    expect(tries.filter((t) => t.generation.id === refused[0]!.generation.id)).toHaveLength(1);
    expect(tries).toHaveLength(3);
  });

  it('waits at least as long as Retry-After before trying again', async () => {
    fleet.servers.fal.scenario.scriptFor(providerModelId('fal', 'm-limited'), {
      kind: 'rate_limited',
      retryAfter: '2',
    });
    const ctx = await runChallenge([
      { slug: 'm-limited', routes: [{ kind: 'fal' }] },
      { slug: 'm-other', routes: [{ kind: 'openai' }] },
    ]);
    const tries = await triesOf(ctx, 'm-limited');
    const limited = tries.find((t) => t.attempt.errorClass === 'rate_limited')!;
    expect(limited.attempt.httpStatus).toBe(429);
    const next = tries.find(
      (t) => t.generation.id === limited.generation.id && t.attempt.tryNo === 2,
    )!;
    expect(next.attempt.outcome).toBe('succeeded');
    const waited = next.attempt.startedAt.getTime() - limited.attempt.finishedAt!.getTime();
    expect(waited).toBeGreaterThanOrEqual(1950);
  });

  it('uses the demo provider only while no real provider can serve the model', async () => {
    const ctx = await runChallenge(
      [
        { slug: 'm-real', routes: [{ kind: 'openai' }] },
        { slug: 'm-real-too', routes: [{ kind: 'gemini' }] },
      ],
      { withDemo: true },
    );
    const served = await ctx.db
      .select({ provider: providers.slug })
      .from(generationTries)
      .innerJoin(providers, eq(providers.id, generationTries.providerId));
    expect(served).toHaveLength(6);
    expect(served.every((row) => row.provider !== 'demo')).toBe(true);
  });

  it('keeps to a provider’s concurrency limit', async () => {
    fleet.servers.openai.scenario.setDefaults({ latency: 250 });
    const fleetModels = Array.from({ length: 4 }, (_, i) => ({
      slug: `m-busy-${i}`,
      routes: [{ kind: 'openai' as const }],
    }));
    const ctx = await runChallenge(fleetModels, { concurrency: 2 });
    const requests = fleet.servers.openai.requestsOf('generate');
    expect(requests).toHaveLength(12);
    // In flight at once, from the fake's own clock: arrivals against produced latencies.
    const spans = fleet.servers.openai.latencies.map((l, i) => ({
      start: requests[i]!.receivedAt,
      end: requests[i]!.receivedAt + l.producedMs,
    }));
    let peak = 0;
    for (const span of spans) {
      const overlapping = spans.filter(
        (s) => s.start <= span.start && s.end > span.start + 5,
      ).length;
      peak = Math.max(peak, overlapping);
    }
    expect(peak).toBeLessThanOrEqual(2);
    expect(peak).toBe(2);
    const rows = await ctx.db
      .select()
      .from(generations)
      .where(inArray(generations.status, ['succeeded']));
    expect(rows).toHaveLength(12);
  });
});
