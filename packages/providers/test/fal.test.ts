import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeFalServer } from '@arena/fake-providers';
import { createFalAdapter, type ProviderAdapter } from '../src';
import {
  isPng,
  LOOPBACK_IMAGES,
  providerError,
  request,
  deadlineWhen,
  sourceImage,
} from './fake-harness';

let fake: FakeFalServer;
let adapter: ProviderAdapter;
const flux = 'fal-ai/flux/dev';
const banana = 'fal-ai/nano-banana-pro/edit';

beforeAll(async () => {
  fake = await new FakeFalServer().start();
});
afterAll(() => fake.close());

beforeEach(() => {
  fake.reset();
  adapter = createFalAdapter(
    { kind: 'fal', baseUrl: fake.baseUrl, apiKey: fake.apiKey },
    LOOPBACK_IMAGES,
  );
});

const kinds = () => fake.requests.map((r) => r.kind);

describe('fal adapter: success', () => {
  it('submits, hands over the request id before polling, polls, fetches, downloads', async () => {
    fake.scenario.script({ kind: 'success', latencyMs: 60 });
    const seen: { id: string; statusPollsBefore: number }[] = [];
    const result = await adapter.generate(
      request({
        providerModelId: flux,
        onRequestId: async (id) => {
          seen.push({ id, statusPollsBefore: fake.requestsOf('status').length });
        },
      }),
    );
    expect(isPng(result.bytes)).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.statusPollsBefore).toBe(0);
    expect(result.providerRequestId).toBe(seen[0]!.id);
    const submit = fake.requests[0]!;
    expect(submit.kind).toBe('submit');
    expect(submit.path).toBe(`/${flux}`);
    expect(submit.headers.authorization).toBe(`Key ${fake.apiKey}`);
    expect(submit.json).toMatchObject({
      prompt: request().prompt,
      num_images: 1,
      seed: 42,
      image_size: { width: 1024, height: 1024 },
    });
    // Status and result live under the app id, without the model's sub-path.
    const polls = fake.requestsOf('status');
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect(polls.every((p) => p.path === `/fal-ai/flux/requests/${seen[0]!.id}/status`)).toBe(true);
    expect(fake.requestsOf('result')).toHaveLength(1);
    expect(kinds().at(-1)).toBe('file');
    expect(fake.requestsOf('file')[0]!.headers.authorization).toBeUndefined();
    expect(fake.keyLeaks()).toEqual([]);
  });

  it('sends aspect_ratio and resolution to ratio-based models, and edits with data URIs', async () => {
    const source = await sourceImage();
    await adapter.generate(
      request({
        providerModelId: banana,
        aspectRatio: '9:16',
        resolution: '2K',
        size: { width: 1536, height: 2728 },
        sourceImages: [source],
      }),
    );
    const body = fake.requests[0]!.json as Record<string, unknown>;
    expect(body).toMatchObject({ aspect_ratio: '9:16', resolution: '2K' });
    expect(body.image_size).toBeUndefined();
    expect(body.image_urls).toEqual([`data:image/png;base64,${source.bytes.toString('base64')}`]);
  });

  it('resumes a stored request id: polls the same id, submits nothing', async () => {
    fake.scenario.script({ kind: 'success', latencyMs: 100 });
    // The deadline passes right after the id is stored, as if the worker died there.
    const deadline = new AbortController();
    let stored: string | undefined;
    const first = await providerError(
      adapter.generate(
        request({
          providerModelId: flux,
          signal: deadline.signal,
          onRequestId: async (id) => {
            stored = id;
            deadline.abort();
          },
        }),
      ),
      'timeout',
    );
    expect(stored).toBeDefined();
    expect(first.options.providerRequestId).toBe(stored);
    expect(first.options.requestSettled).toBeUndefined();
    const submitsBefore = fake.requestsOf('submit').length;
    let calledAgain = false;
    const result = await adapter.generate(
      request({
        providerModelId: flux,
        resumeRequestId: stored!,
        onRequestId: async () => {
          calledAgain = true;
        },
      }),
    );
    expect(isPng(result.bytes)).toBe(true);
    expect(result.providerRequestId).toBe(stored);
    expect(calledAgain).toBe(false);
    expect(fake.requestsOf('submit')).toHaveLength(submitsBefore);
    expect(submitsBefore).toBe(1);
    expect(fake.requestsOf('status').every((r) => r.path.includes(`/requests/${stored}/`))).toBe(
      true,
    );
  });
});

describe('fal adapter: failures', () => {
  it('500 on submit, then success on a retry', async () => {
    fake.scenario.script({ kind: 'server_error' });
    const error = await providerError(
      adapter.generate(request({ providerModelId: flux })),
      'server_error',
    );
    expect(error.retryable).toBe(true);
    expect(error.options.providerRequestId).toBeUndefined();
    expect(isPng((await adapter.generate(request({ providerModelId: flux }))).bytes)).toBe(true);
    expect(fake.requestsOf('submit')).toHaveLength(2);
  });

  it('429 with Retry-After', async () => {
    fake.scenario.script({ kind: 'rate_limited', retryAfter: '3' });
    const error = await providerError(
      adapter.generate(request({ providerModelId: flux })),
      'rate_limited',
    );
    expect(error.options.retryAfterMs).toBe(3000);
    expect(kinds()).toEqual(['submit']);
  });

  it('a content-policy refusal of the result: not retryable, reason kept, request settled', async () => {
    fake.scenario.script({
      kind: 'content_policy',
      reason: 'flagged by a content checker: nudity',
    });
    const error = await providerError(
      adapter.generate(request({ providerModelId: flux })),
      'content_policy',
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('flagged by a content checker: nudity');
    expect(error.options.requestSettled).toBe(true);
    expect(error.options.httpStatus).toBe(422);
    expect(fake.requestsOf('file')).toHaveLength(0);
  });

  it('an output flagged NSFW is a content-policy refusal', async () => {
    fake.scenario.script({ kind: 'content_policy', stage: 'output' });
    const error = await providerError(
      adapter.generate(request({ providerModelId: flux })),
      'content_policy',
    );
    expect(error.message).toContain('NSFW');
    expect(fake.requestsOf('file')).toHaveLength(0);
  });

  it('malformed JSON on submit', async () => {
    fake.scenario.script({ kind: 'malformed_json' });
    const error = await providerError(
      adapter.generate(request({ providerModelId: flux })),
      'malformed_response',
    );
    expect(error.retryable).toBe(true);
    expect(kinds()).toEqual(['submit']);
  });

  it('a result without images is a provider failure', async () => {
    fake.scenario.script({ kind: 'no_image' });
    await providerError(adapter.generate(request({ providerModelId: flux })), 'provider_failed');
  });

  it('a submit that hangs ends at the deadline', async () => {
    fake.scenario.script({ kind: 'hang' });
    await providerError(
      adapter.generate(
        request({
          providerModelId: flux,
          signal: deadlineWhen(() => fake.requests.length > 0, 50),
        }),
      ),
      'timeout',
    );
    expect(kinds()).toEqual(['submit']);
  });

  it('an image download dripping past the deadline', async () => {
    fake.scenario.script({ kind: 'slow_body', chunkBytes: 4, intervalMs: 100 });
    await providerError(
      adapter.generate(
        request({
          providerModelId: flux,
          signal: deadlineWhen(() => fake.requestsOf('file').length > 0, 300),
        }),
      ),
      'timeout',
    );
    expect(kinds().at(-1)).toBe('file');
  });

  it('an oversized image hits the byte cap mid-download', async () => {
    const capped = createFalAdapter(
      { kind: 'fal', baseUrl: fake.baseUrl, apiKey: fake.apiKey },
      { ...LOOPBACK_IMAGES, maxImageBytes: 256 * 1024 },
    );
    fake.scenario.script({ kind: 'oversized_image', bytes: 1024 * 1024 });
    const error = await providerError(
      capped.generate(request({ providerModelId: flux })),
      'too_large',
    );
    expect(error.options.requestSettled).toBe(true);
  });

  it('a download that is not an image', async () => {
    fake.scenario.script({ kind: 'not_image' });
    await providerError(adapter.generate(request({ providerModelId: flux })), 'not_image');
  });

  it('an image URL on a private address is refused, even when its host is allowed', async () => {
    const allowingHost = createFalAdapter(
      { kind: 'fal', baseUrl: fake.baseUrl, apiKey: fake.apiKey },
      { ...LOOPBACK_IMAGES, extraImageHosts: ['127.0.0.1', '10.0.0.1'] },
    );
    fake.scenario.script({ kind: 'private_image_url', url: 'http://10.0.0.1/image.png' });
    const error = await providerError(
      allowingHost.generate(request({ providerModelId: flux })),
      'unsafe_url',
    );
    expect(error.message).toContain('address not allowed');
    expect(kinds()).not.toContain('file');
  });

  it('an image URL on a host outside fal is refused', async () => {
    fake.scenario.script({ kind: 'private_image_url', url: 'https://example.com/image.png' });
    const error = await providerError(
      adapter.generate(request({ providerModelId: flux })),
      'unsafe_url',
    );
    expect(error.message).toContain('host not allowed');
  });

  it('with the production policy, an image on 127.0.0.1 is refused', async () => {
    const production = createFalAdapter(
      { kind: 'fal', baseUrl: fake.baseUrl, apiKey: fake.apiKey },
      { pollIntervalMs: 10, extraImageHosts: ['127.0.0.1'] },
    );
    await providerError(production.generate(request({ providerModelId: flux })), 'unsafe_url');
    expect(kinds()).not.toContain('file');
  });

  it('a redirect to a private address is refused at the hop', async () => {
    fake.scenario.script({ kind: 'redirect_to_private', target: 'http://10.0.0.1/image.png' });
    await providerError(adapter.generate(request({ providerModelId: flux })), 'unsafe_url');
    expect(kinds().at(-1)).toBe('redirect');
  });

  it('a wrong key is an auth error', async () => {
    const wrong = createFalAdapter(
      { kind: 'fal', baseUrl: fake.baseUrl, apiKey: 'wrong-id:wrong-secret' },
      LOOPBACK_IMAGES,
    );
    const error = await providerError(wrong.generate(request({ providerModelId: flux })), 'auth');
    expect(error.message).not.toContain('wrong-secret');
  });
});
