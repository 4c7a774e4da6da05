import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProviderError, type GenerateRequest } from '@arena/providers';
import { createDemoAdapter, renderSourceImage } from '../src';
import { mulberry32 } from '../src/random';

function request(overrides: Partial<GenerateRequest> = {}): GenerateRequest {
  return {
    providerModelId: 'demo/model-a',
    model: { slug: 'model-a', name: 'Model A', demo: { quality: 0.8 } },
    prompt: 'A starry night over a lake',
    aspectRatio: '1:1',
    resolution: '1K',
    size: { width: 48, height: 32 },
    seed: 1,
    attempt: 1,
    signal: new AbortController().signal,
    ...overrides,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createDemoAdapter', () => {
  it('returns a PNG of the requested size with the call metadata', async () => {
    const adapter = createDemoAdapter({ profile: 'instant' });
    expect(adapter.kind).toBe('demo');
    const ids: string[] = [];
    const result = await adapter.generate(
      request({ onRequestId: async (id) => void ids.push(id) }),
    );
    const meta = await sharp(result.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 48, 32]);
    expect(result.httpStatus).toBe(200);
    expect(result.providerRequestId).toMatch(/^demo-[a-z0-9]{12}$/);
    expect(ids).toEqual([result.providerRequestId]);
    expect(result.sizeUsed).toEqual({ width: 48, height: 32 });
    expect(result.ttfbMs).toBe(0);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('draws the same picture as renderDemoImage would for the same request', async () => {
    const adapter = createDemoAdapter({ profile: 'instant', random: mulberry32(1) });
    const a = await adapter.generate(request());
    const b = await adapter.generate(request());
    expect(a.bytes.equals(b.bytes)).toBe(true);
    const other = await adapter.generate(request({ attempt: 2 }));
    expect(other.bytes.equals(a.bytes)).toBe(false);
  });

  it('resumes a demo request id instead of asking for a new one', async () => {
    const adapter = createDemoAdapter({ profile: 'instant' });
    const onRequestId = vi.fn(async () => undefined);
    const result = await adapter.generate(request({ resumeRequestId: 'demo-abc', onRequestId }));
    expect(result.providerRequestId).toBe('demo-abc');
    expect(onRequestId).not.toHaveBeenCalled();
  });

  it('edits the first source image', async () => {
    const adapter = createDemoAdapter({ profile: 'instant' });
    const bytes = await renderSourceImage('mountain-day', 64, 64);
    const result = await adapter.generate(
      request({
        prompt: 'Change the scene to night',
        size: { width: 64, height: 64 },
        sourceImages: [{ bytes, contentType: 'image/png' }],
      }),
    );
    expect(result.bytes.equals(bytes)).toBe(false);
    expect((await sharp(result.bytes).metadata()).width).toBe(64);
  });

  it('reports an unreadable source image as a bad request, not worth retrying', async () => {
    const adapter = createDemoAdapter({ profile: 'instant' });
    const error = await adapter
      .generate(
        request({ sourceImages: [{ bytes: Buffer.from('nope'), contentType: 'image/png' }] }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).errorClass).toBe('bad_request');
    expect((error as ProviderError).retryable).toBe(false);
  });

  it('fails as often as the model failure rate says, with retryable server errors', async () => {
    const adapter = createDemoAdapter({ profile: 'instant', random: mulberry32(99) });
    const model = { slug: 'flaky', name: 'Flaky', demo: { quality: 0.5, failureRate: 0.3 } };
    const size = { width: 8, height: 8 };
    let failures = 0;
    const classes = new Set<string>();
    for (let batch = 0; batch < 20; batch++) {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          adapter.generate(request({ model, size, seed: batch * 50 + i })),
        ),
      );
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') continue;
        failures++;
        const error = outcome.reason as ProviderError;
        expect(error).toBeInstanceOf(ProviderError);
        expect(error.retryable).toBe(true);
        expect([500, 503]).toContain(error.options.httpStatus);
        classes.add(error.errorClass);
      }
    }
    expect(failures).toBeGreaterThanOrEqual(250);
    expect(failures).toBeLessThanOrEqual(350);
    expect([...classes].sort()).toEqual(['provider_failed', 'server_error']);
  });

  it('combines the profile success rate with the model failure rate', async () => {
    const adapter = createDemoAdapter({
      profile: { p50Ms: 0, p95Ms: 0, successRate: 0.5 },
      random: mulberry32(5),
    });
    const model = { slug: 'm', name: 'M', demo: { quality: 0.5, failureRate: 0.5 } };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 400 }, () =>
        adapter.generate(request({ model, size: { width: 8, height: 8 } })),
      ),
    );
    const successes = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(successes).toBeGreaterThan(60);
    expect(successes).toBeLessThan(140);
  });

  it('stops promptly with a retryable timeout when the signal aborts, leaving no timer', async () => {
    vi.useFakeTimers();
    const adapter = createDemoAdapter({ profile: 'realistic', random: mulberry32(3) });
    const controller = new AbortController();
    // Success or failure, a realistic call waits seconds (generation or time to first byte).
    const pending = adapter.generate(
      request({
        model: { slug: 'nano-banana-2', name: 'Nano Banana 2', demo: { quality: 0.9 } },
        signal: controller.signal,
      }),
    );
    const settled = pending.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(500);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    const error = await settled;
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).errorClass).toBe('timeout');
    expect((error as ProviderError).retryable).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses at once when the signal is already aborted', async () => {
    const adapter = createDemoAdapter({ profile: 'realistic' });
    const controller = new AbortController();
    controller.abort();
    await expect(adapter.generate(request({ signal: controller.signal }))).rejects.toMatchObject({
      errorClass: 'timeout',
    });
  });

  it('waits about as long as the profile says, scaled', async () => {
    vi.useFakeTimers();
    const adapter = createDemoAdapter({
      profile: { p50Ms: 1_000, p95Ms: 1_000, successRate: 1 },
      latencyScale: 2,
    });
    let done = false;
    const pending = adapter.generate(request()).then((r) => {
      done = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(1_900);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    vi.useRealTimers();
    await pending;
    expect(done).toBe(true);
  });
});
