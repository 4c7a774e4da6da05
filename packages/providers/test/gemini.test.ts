import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeGeminiServer } from '@arena/fake-providers';
import { createGeminiAdapter, type ProviderAdapter } from '../src';
import { deadlineWhen, isPng, providerError, request, sourceImage } from './fake-harness';

let fake: FakeGeminiServer;
let adapter: ProviderAdapter;
const flash = 'gemini-2.5-flash-image';
const pro = 'gemini-3-pro-image-preview';

interface SentBody {
  contents: { role: string; parts: Record<string, unknown>[] }[];
  generationConfig: {
    responseModalities: string[];
    imageConfig: Record<string, string>;
    seed: number;
  };
}

beforeAll(async () => {
  fake = await new FakeGeminiServer().start();
});
afterAll(() => fake.close());

beforeEach(() => {
  fake.reset();
  adapter = createGeminiAdapter({ kind: 'gemini', baseUrl: fake.baseUrl, apiKey: fake.apiKey });
});

describe('gemini adapter: success', () => {
  it('generates: path, x-goog-api-key, IMAGE modality, aspect ratio, inline PNG back', async () => {
    const result = await adapter.generate(
      request({ providerModelId: flash, aspectRatio: '16:9', size: { width: 1365, height: 768 } }),
    );
    expect(isPng(result.bytes)).toBe(true);
    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent!.path).toBe(`/v1beta/models/${flash}:generateContent`);
    expect(sent!.headers['x-goog-api-key']).toBe(fake.apiKey);
    expect(sent!.headers.authorization).toBeUndefined();
    const body = sent!.json as SentBody;
    expect(body.contents[0]!.parts).toEqual([{ text: request().prompt }]);
    expect(body.generationConfig.responseModalities).toEqual(['IMAGE']);
    // A single-tier model gets no imageSize.
    expect(body.generationConfig.imageConfig).toEqual({ aspectRatio: '16:9' });
    expect(result.providerRequestId).toMatch(/^resp-/);
    expect(result.sizeMapping?.used.aspectRatio).toBe('16:9');
    expect(fake.keyLeaks()).toEqual([]);
  });

  it('asks a multi-tier model for the tier as imageSize', async () => {
    await adapter.generate(
      request({ providerModelId: pro, resolution: '2K', size: { width: 2048, height: 2048 } }),
    );
    const body = fake.requests[0]!.json as SentBody;
    expect(body.generationConfig.imageConfig).toEqual({ aspectRatio: '1:1', imageSize: '2K' });
  });

  it('maps a ratio the API lacks to the nearest one', async () => {
    const result = await adapter.generate(
      request({
        providerModelId: flash,
        sizeSupport: { kind: 'ratios', ratios: ['1:1', '4:3', '3:4'], tiers: ['1K'] },
        aspectRatio: '4:5',
        size: { width: 916, height: 1145 },
      }),
    );
    expect((fake.requests[0]!.json as SentBody).generationConfig.imageConfig.aspectRatio).toBe(
      '3:4',
    );
    expect(result.sizeMapping?.exact).toBe(false);
  });

  it('edits with the source image as an inline_data part', async () => {
    const source = await sourceImage();
    const result = await adapter.generate(
      request({ providerModelId: flash, sourceImages: [source] }),
    );
    expect(isPng(result.bytes)).toBe(true);
    const parts = (fake.requests[0]!.json as SentBody).contents[0]!.parts;
    expect(parts[1]).toEqual({
      inline_data: { mime_type: 'image/png', data: source.bytes.toString('base64') },
    });
  });
});

describe('gemini adapter: failures', () => {
  it('500, then success on a retry', async () => {
    fake.scenario.script({ kind: 'server_error' });
    const error = await providerError(adapter.generate(request()), 'server_error');
    expect(error.retryable).toBe(true);
    expect(error.options.httpStatus).toBe(500);
    expect(isPng((await adapter.generate(request())).bytes)).toBe(true);
    expect(fake.requests).toHaveLength(2);
  });

  it('429 with Retry-After (and RetryInfo in the body)', async () => {
    fake.scenario.script({ kind: 'rate_limited', retryAfter: '13' });
    const error = await providerError(adapter.generate(request()), 'rate_limited');
    expect(error.retryable).toBe(true);
    expect(error.options.retryAfterMs).toBe(13_000);
    expect(fake.requests).toHaveLength(1);
  });

  it('a blocked prompt is a content-policy refusal with its block reason', async () => {
    fake.scenario.script({ kind: 'content_policy', reason: 'Prompt names a real public figure.' });
    const error = await providerError(adapter.generate(request()), 'content_policy');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('PROHIBITED_CONTENT');
    expect(error.message).toContain('Prompt names a real public figure.');
    expect(fake.requests).toHaveLength(1);
  });

  it('finishReason IMAGE_SAFETY is a content-policy refusal', async () => {
    fake.scenario.script({ kind: 'content_policy', stage: 'output' });
    const error = await providerError(adapter.generate(request()), 'content_policy');
    expect(error.message).toContain('IMAGE_SAFETY');
  });

  it('an answer with text but no image part is a provider failure', async () => {
    fake.scenario.script({ kind: 'no_image' });
    const error = await providerError(adapter.generate(request()), 'provider_failed');
    expect(error.retryable).toBe(true);
  });

  it('another 400 is a bad request', async () => {
    fake.scenario.script({ kind: 'bad_request' });
    await providerError(adapter.generate(request()), 'bad_request');
  });

  it('malformed JSON', async () => {
    fake.scenario.script({ kind: 'malformed_json' });
    const error = await providerError(adapter.generate(request()), 'malformed_response');
    expect(error.retryable).toBe(true);
  });

  it('a hang ends at the deadline', async () => {
    fake.scenario.script({ kind: 'hang' });
    const signal = deadlineWhen(() => fake.requests.length > 0, 50);
    await providerError(adapter.generate(request({ signal })), 'timeout');
    expect(fake.requests).toHaveLength(1);
  });

  it('a body dripping past the deadline', async () => {
    fake.scenario.script({ kind: 'slow_body', chunkBytes: 4, intervalMs: 100 });
    const error = await providerError(
      adapter.generate(request({ signal: deadlineWhen(() => fake.requests.length > 0, 300) })),
      'timeout',
    );
    expect(error.options.ttfbMs).toBeGreaterThanOrEqual(0);
  });

  it('an oversized inline image hits the byte cap', async () => {
    const capped = createGeminiAdapter(
      { kind: 'gemini', baseUrl: fake.baseUrl, apiKey: fake.apiKey },
      { maxImageBytes: 256 * 1024 },
    );
    fake.scenario.script({ kind: 'oversized_image', bytes: 2 * 1024 * 1024 });
    await providerError(capped.generate(request()), 'too_large');
  });

  it('an inline part that is not an image', async () => {
    fake.scenario.script({ kind: 'not_image' });
    await providerError(adapter.generate(request()), 'not_image');
  });

  it('never follows a file reference, even one pointing at a private address', async () => {
    fake.scenario.script({
      kind: 'private_image_url',
      url: 'http://169.254.169.254/latest/meta-data/',
    });
    await providerError(adapter.generate(request()), 'provider_failed');
    fake.scenario.script({ kind: 'redirect_to_private' });
    await providerError(adapter.generate(request()), 'provider_failed');
    expect(fake.requests.map((r) => r.kind)).toEqual(['generate', 'generate']);
  });

  it("Gemini's 400 API_KEY_INVALID is an auth error", async () => {
    const wrong = createGeminiAdapter({
      kind: 'gemini',
      baseUrl: fake.baseUrl,
      apiKey: 'AIza-wrong-key-0000000000',
    });
    const error = await providerError(wrong.generate(request()), 'auth');
    expect(error.retryable).toBe(false);
    expect(error.message).not.toContain('AIza-wrong-key-0000000000');
  });

  it('no key configured is an auth error before any call', async () => {
    const keyless = createGeminiAdapter({ kind: 'gemini', baseUrl: fake.baseUrl });
    await providerError(keyless.generate(request()), 'auth');
    expect(fake.requests).toHaveLength(0);
  });
});
