import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeFalServer, FakeOpenAiServer, FakeScenario } from '@arena/fake-providers';
import { createFalAdapter, createOpenAiCompatibleAdapter, ProviderError } from '../src';
import { LOOPBACK_IMAGES, request } from './fake-harness';

describe('FakeScenario', () => {
  it('takes scripted steps per model first, then global ones, then the profile', () => {
    const scenario = new FakeScenario({ seed: 7 })
      .setModel('m', { failureRate: 1, failure: { kind: 'rate_limited' }, latency: 25 })
      .script({ kind: 'hang' })
      .scriptFor('m', { kind: 'not_image', latencyMs: 5 });
    expect(scenario.plan('m')).toMatchObject({ behaviour: { kind: 'not_image' }, latencyMs: 5 });
    expect(scenario.plan('m').behaviour.kind).toBe('hang');
    expect(scenario.plan('m')).toMatchObject({
      behaviour: { kind: 'rate_limited' },
      latencyMs: 25,
    });
    expect(scenario.plan('other').behaviour.kind).toBe('success');
    expect(scenario.pending()).toBe(0);
  });

  it('rolls failures at the configured rate, reproducibly', () => {
    const roll = () => {
      const scenario = new FakeScenario({ seed: 42 }).setModel('m', { failureRate: 0.3 });
      return Array.from({ length: 1000 }, () => scenario.plan('m').behaviour.kind);
    };
    const kinds = roll();
    expect(roll()).toEqual(kinds);
    const failures = kinds.filter((k) => k === 'server_error').length;
    expect(failures).toBeGreaterThan(240);
    expect(failures).toBeLessThan(360);
  });

  it('draws latencies from a distribution', () => {
    const scenario = new FakeScenario({ seed: 3 }).setModel('m', {
      latency: { kind: 'uniform', minMs: 10, maxMs: 20 },
    });
    const draws = Array.from({ length: 200 }, () => scenario.plan('m').latencyMs);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...draws)).toBeLessThanOrEqual(20);
    const lognormal = new FakeScenario({ seed: 3 }).setModel('m', {
      latency: { kind: 'lognormal', medianMs: 100, p95Ms: 300 },
    });
    const sorted = Array.from({ length: 2000 }, () => lognormal.plan('m').latencyMs).sort(
      (a, b) => a - b,
    );
    expect(sorted[1000]).toBeGreaterThan(80);
    expect(sorted[1000]).toBeLessThan(125);
  });
});

describe('fake servers report the latencies they produced, per model', () => {
  let openai: FakeOpenAiServer;
  let fal: FakeFalServer;
  beforeAll(async () => {
    openai = await new FakeOpenAiServer({ scenario: new FakeScenario({ seed: 9 }) }).start();
    fal = await new FakeFalServer().start();
  });
  afterAll(async () => {
    await openai.close();
    await fal.close();
  });

  it('a sync API: per-model latency and failure rate', async () => {
    openai.scenario.setModel('slow', { latency: 40 }).setModel('flaky', { failureRate: 1 });
    const adapter = createOpenAiCompatibleAdapter({
      kind: 'openai-compatible',
      baseUrl: openai.baseUrl,
      apiKey: openai.apiKey,
    });
    await adapter.generate(request({ providerModelId: 'slow' }));
    const error = await adapter
      .generate(request({ providerModelId: 'flaky' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(openai.latencies.map((l) => [l.modelId, l.behaviour, l.plannedMs])).toEqual([
      ['slow', 'success', 40],
      ['flaky', 'server_error', 0],
    ]);
    expect(openai.latencies[0]!.producedMs).toBeGreaterThan(0);
  });

  it('a queue API: the job latency as seen by polling', async () => {
    fal.scenario.setModel('fal-ai/flux/dev', { latency: 30 });
    const adapter = createFalAdapter(
      { kind: 'fal', baseUrl: fal.baseUrl, apiKey: fal.apiKey },
      LOOPBACK_IMAGES,
    );
    const result = await adapter.generate(request({ providerModelId: 'fal-ai/flux/dev' }));
    expect(fal.latencies).toHaveLength(1);
    expect(fal.latencies[0]).toMatchObject({
      modelId: 'fal-ai/flux/dev',
      plannedMs: 30,
      requestId: result.providerRequestId,
    });
    expect(fal.latencies[0]!.producedMs).toBeGreaterThan(0);
  });
});
