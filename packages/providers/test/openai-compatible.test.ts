import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '@arena/fake-providers';
import { createOpenAiCompatibleAdapter, type ProviderAdapter } from '../src';
import { deadlineWhen, isPng, providerError, request, sourceImage } from './fake-harness';

let fake: FakeOpenAiServer;
let adapter: ProviderAdapter;

beforeAll(async () => {
  fake = await new FakeOpenAiServer().start();
});
afterAll(() => fake.close());

beforeEach(() => {
  fake.reset();
  // Production policy: only the gateway's own origin is trusted for image links.
  adapter = createOpenAiCompatibleAdapter({
    kind: 'openai-compatible',
    baseUrl: fake.baseUrl,
    apiKey: fake.apiKey,
  });
});

describe('openai-compatible adapter: success', () => {
  it('generates: JSON request shape, bearer auth, a PNG back', async () => {
    const result = await adapter.generate(request());
    expect(isPng(result.bytes)).toBe(true);
    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent!.kind).toBe('generate');
    expect(sent!.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(sent!.json).toEqual({
      model: 'test-model',
      prompt: request().prompt,
      n: 1,
      size: '1024x1024',
      response_format: 'b64_json',
    });
    expect(result.providerRequestId).toMatch(/^req_/);
    expect(result.httpStatus).toBe(200);
    expect(result.contentType).toBe('image/png');
    expect(result.ttfbMs).toBeGreaterThanOrEqual(0);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.sizeUsed).toEqual({ width: 1024, height: 1024 });
    expect(fake.keyLeaks()).toEqual([]);
  });

  it('accepts a base URL ending in /v1', async () => {
    const v1 = createOpenAiCompatibleAdapter({
      kind: 'openai-compatible',
      baseUrl: `${fake.baseUrl}/v1/`,
      apiKey: fake.apiKey,
    });
    await v1.generate(request());
    expect(fake.requests[0]!.path).toBe('/v1/images/generations');
  });

  it('downloads a url answer from the gateway itself', async () => {
    const byUrl = createOpenAiCompatibleAdapter(
      { kind: 'openai-compatible', baseUrl: fake.baseUrl, apiKey: fake.apiKey },
      { responseFormat: 'url' },
    );
    const result = await byUrl.generate(request());
    expect(isPng(result.bytes)).toBe(true);
    expect(fake.requests.map((r) => r.kind)).toEqual(['generate', 'file']);
    expect((fake.requests[0]!.json as { response_format: string }).response_format).toBe('url');
    // The key goes to the API, never along with the image download.
    expect(fake.requests[1]!.headers.authorization).toBeUndefined();
    expect(result.calls).toBe(2);
  });

  it('maps the size to what gpt-image-1 supports and reports the mapping', async () => {
    const result = await adapter.generate(
      request({
        providerModelId: 'gpt-image-1',
        aspectRatio: '16:9',
        size: { width: 1365, height: 768 },
      }),
    );
    expect((fake.requests[0]!.json as { size: string }).size).toBe('1536x1024');
    expect(result.sizeUsed).toEqual({ width: 1536, height: 1024 });
    expect(result.sizeMapping).toMatchObject({
      requested: { size: { width: 1365, height: 768 }, aspectRatio: '16:9' },
      used: { aspectRatio: '3:2' },
      exact: false,
    });
  });

  it('edits with one source image as a multipart `image` part', async () => {
    const source = await sourceImage();
    const result = await adapter.generate(request({ sourceImages: [source] }));
    expect(isPng(result.bytes)).toBe(true);
    const [sent] = fake.requests;
    expect(sent!.kind).toBe('edit');
    expect(sent!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent!.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    const fields = Object.fromEntries(
      sent!.form!.filter((p) => p.value !== undefined).map((p) => [p.name, p.value]),
    );
    expect(fields).toMatchObject({ model: 'test-model', size: '1024x1024', n: '1' });
    const images = sent!.form!.filter((p) => p.name === 'image');
    expect(images).toHaveLength(1);
    expect(images[0]!.contentType).toBe('image/png');
    expect(images[0]!.bytes!.equals(source.bytes)).toBe(true);
    expect(fake.keyLeaks()).toEqual([]);
  });

  it('edits with several source images as `image[]` parts', async () => {
    await adapter.generate(request({ sourceImages: [await sourceImage(1), await sourceImage(2)] }));
    expect(fake.requests[0]!.form!.filter((p) => p.name === 'image[]')).toHaveLength(2);
  });

  it('refuses a source image that is not PNG, JPEG or WebP, without calling out', async () => {
    const fakeSvg = {
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      contentType: 'image/png' as const,
    };
    await providerError(adapter.generate(request({ sourceImages: [fakeSvg] })), 'bad_request');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('openai-compatible adapter: failures', () => {
  it('500, then success on a retry', async () => {
    fake.scenario.script({ kind: 'server_error' });
    const error = await providerError(adapter.generate(request()), 'server_error');
    expect(error.retryable).toBe(true);
    expect(error.options.httpStatus).toBe(500);
    expect(error.options.providerRequestId).toMatch(/^req_/);
    const result = await adapter.generate(request());
    expect(isPng(result.bytes)).toBe(true);
    expect(fake.requestsOf('generate')).toHaveLength(2);
  });

  it('429 with Retry-After in seconds', async () => {
    fake.scenario.script({ kind: 'rate_limited', retryAfter: '7' });
    const error = await providerError(adapter.generate(request()), 'rate_limited');
    expect(error.retryable).toBe(true);
    expect(error.options.retryAfterMs).toBe(7000);
    expect(fake.requests).toHaveLength(1);
  });

  it('content-policy 400: not retryable, the reason kept', async () => {
    fake.scenario.script({ kind: 'content_policy', reason: 'Rejected: depicts a real person.' });
    const error = await providerError(adapter.generate(request()), 'content_policy');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Rejected: depicts a real person.');
    expect(fake.requests).toHaveLength(1);
  });

  it('moderation_blocked (gpt-image) is a content-policy refusal too', async () => {
    fake.scenario.script({ kind: 'content_policy' });
    const error = await providerError(
      adapter.generate(request({ providerModelId: 'gpt-image-1' })),
      'content_policy',
    );
    expect(error.message).toContain('safety system');
  });

  it('another 400 is a bad request, not retryable', async () => {
    fake.scenario.script({ kind: 'bad_request' });
    const error = await providerError(adapter.generate(request()), 'bad_request');
    expect(error.retryable).toBe(false);
  });

  it('malformed JSON', async () => {
    fake.scenario.script({ kind: 'malformed_json' });
    const error = await providerError(adapter.generate(request()), 'malformed_response');
    expect(error.retryable).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });

  it('an answer without an image', async () => {
    fake.scenario.script({ kind: 'no_image' });
    await providerError(adapter.generate(request()), 'malformed_response');
  });

  it('a hang ends at the deadline', async () => {
    fake.scenario.script({ kind: 'hang' });
    const error = await providerError(
      adapter.generate(request({ signal: deadlineWhen(() => fake.requests.length > 0, 50) })),
      'timeout',
    );
    expect(error.retryable).toBe(true);
    expect(error.options.ttfbMs).toBeUndefined();
    expect(fake.requests).toHaveLength(1);
  });

  it('a body dripping past the deadline times out after the headers came', async () => {
    fake.scenario.script({ kind: 'slow_body', chunkBytes: 4, intervalMs: 100 });
    const error = await providerError(
      adapter.generate(request({ signal: deadlineWhen(() => fake.requests.length > 0, 300) })),
      'timeout',
    );
    expect(error.options.ttfbMs).toBeGreaterThanOrEqual(0);
    expect(error.options.httpStatus).toBeUndefined();
  });

  it('an oversized inline image hits the byte cap', async () => {
    const capped = createOpenAiCompatibleAdapter(
      { kind: 'openai-compatible', baseUrl: fake.baseUrl, apiKey: fake.apiKey },
      { maxImageBytes: 256 * 1024 },
    );
    fake.scenario.script({ kind: 'oversized_image', bytes: 2 * 1024 * 1024 });
    const error = await providerError(capped.generate(request()), 'too_large');
    expect(error.retryable).toBe(false);
  });

  it('an oversized linked image hits the byte cap while downloading', async () => {
    const capped = createOpenAiCompatibleAdapter(
      { kind: 'openai-compatible', baseUrl: fake.baseUrl, apiKey: fake.apiKey },
      { maxImageBytes: 256 * 1024, responseFormat: 'url' },
    );
    fake.scenario.script({ kind: 'oversized_image', bytes: 1024 * 1024 });
    await providerError(capped.generate(request()), 'too_large');
    expect(fake.requests.map((r) => r.kind)).toEqual(['generate', 'file']);
  });

  it('a body that is not an image', async () => {
    fake.scenario.script({ kind: 'not_image' });
    const error = await providerError(adapter.generate(request()), 'not_image');
    expect(error.retryable).toBe(false);
  });

  it('an image URL pointing at a private address is refused without connecting', async () => {
    fake.scenario.script({ kind: 'private_image_url', url: 'https://10.0.0.1/image.png' });
    const error = await providerError(adapter.generate(request()), 'unsafe_url');
    expect(error.retryable).toBe(false);
    expect(fake.requests).toHaveLength(1);
  });

  it('an image URL pointing at another port on 127.0.0.1 is not the gateway and is refused', async () => {
    fake.scenario.script({ kind: 'private_image_url', url: 'http://127.0.0.1:9/image.png' });
    await providerError(adapter.generate(request()), 'unsafe_url');
  });

  it('a redirect to the metadata address is refused at the hop', async () => {
    fake.scenario.script({ kind: 'redirect_to_private' });
    const error = await providerError(adapter.generate(request()), 'unsafe_url');
    expect(error.message).toContain('169.254.169.254');
    expect(fake.requests.map((r) => r.kind)).toEqual(['generate', 'redirect']);
  });

  it('a wrong key is an auth error that does not repeat the key', async () => {
    const wrongKey = 'sk-wrong-secret-key-that-must-not-leak-1234';
    const wrong = createOpenAiCompatibleAdapter({
      kind: 'openai-compatible',
      baseUrl: fake.baseUrl,
      apiKey: wrongKey,
    });
    const error = await providerError(wrong.generate(request()), 'auth');
    expect(error.retryable).toBe(false);
    expect(JSON.stringify({ message: error.message, options: error.options })).not.toContain(
      wrongKey,
    );
  });

  it('a connection refused is a retryable network error', async () => {
    const closed = createOpenAiCompatibleAdapter({
      kind: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:9',
      apiKey: fake.apiKey,
    });
    const error = await providerError(closed.generate(request()), 'network');
    expect(error.retryable).toBe(true);
  });
});
