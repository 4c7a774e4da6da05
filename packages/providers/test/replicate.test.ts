import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeReplicateServer } from '@arena/fake-providers';
import { createReplicateAdapter, type ProviderAdapter } from '../src';
import {
  isPng,
  LOOPBACK_IMAGES,
  providerError,
  request,
  deadlineWhen,
  sourceImage,
} from './fake-harness';

let fake: FakeReplicateServer;
let adapter: ProviderAdapter;
const model = 'google/nano-banana';

beforeAll(async () => {
  fake = await new FakeReplicateServer().start();
});
afterAll(() => fake.close());

beforeEach(() => {
  fake.reset();
  adapter = createReplicateAdapter(
    { kind: 'replicate', baseUrl: fake.baseUrl, apiKey: fake.apiKey },
    LOOPBACK_IMAGES,
  );
});

const kinds = () => fake.requests.map((r) => r.kind);
const replicate = (overrides: Parameters<typeof request>[0] = {}) =>
  request({ providerModelId: model, ...overrides });

describe('replicate adapter: success', () => {
  it('creates a prediction, hands over its id before polling, polls, downloads', async () => {
    fake.scenario.script({ kind: 'success', latencyMs: 60 });
    const seen: { id: string; pollsBefore: number }[] = [];
    const result = await adapter.generate(
      replicate({
        aspectRatio: '3:2',
        size: { width: 1254, height: 836 },
        onRequestId: async (id) => {
          seen.push({ id, pollsBefore: fake.requestsOf('status').length });
        },
      }),
    );
    expect(isPng(result.bytes)).toBe(true);
    expect(seen).toEqual([{ id: result.providerRequestId, pollsBefore: 0 }]);
    const submit = fake.requests[0]!;
    expect(submit.path).toBe('/v1/models/google/nano-banana/predictions');
    expect(submit.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(submit.headers.prefer).toBeUndefined();
    expect(submit.json).toEqual({
      input: { prompt: replicate().prompt, seed: 42, aspect_ratio: '3:2' },
    });
    const polls = fake.requestsOf('status');
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect(polls.every((p) => p.path === `/v1/predictions/${seen[0]!.id}`)).toBe(true);
    expect(kinds().at(-1)).toBe('file');
    expect(fake.keyLeaks()).toEqual([]);
  });

  it('creates by version for owner/name:version ids', async () => {
    await adapter.generate(replicate({ providerModelId: 'stability-ai/sdxl:39ed52f2a78e' }));
    const submit = fake.requests[0]!;
    expect(submit.path).toBe('/v1/predictions');
    expect(submit.json).toMatchObject({
      version: '39ed52f2a78e',
      input: { prompt: replicate().prompt },
    });
  });

  it('sends resolution to multi-tier models and width/height for free-size ones', async () => {
    await adapter.generate(
      replicate({
        providerModelId: 'google/nano-banana-pro',
        resolution: '4K',
        size: { width: 4096, height: 4096 },
      }),
    );
    expect((fake.requests[0]!.json as { input: object }).input).toMatchObject({
      aspect_ratio: '1:1',
      resolution: '4K',
    });
    fake.reset();
    await adapter.generate(
      replicate({ sizeSupport: { kind: 'free', multipleOf: 16, maxEdge: 1440 } }),
    );
    expect((fake.requests[0]!.json as { input: object }).input).toMatchObject({
      width: 1024,
      height: 1024,
    });
  });

  it('takes an output that is a single URL string', async () => {
    const stringy = await new FakeReplicateServer({ outputAsString: true }).start();
    try {
      const a = createReplicateAdapter(
        { kind: 'replicate', baseUrl: stringy.baseUrl, apiKey: stringy.apiKey },
        LOOPBACK_IMAGES,
      );
      expect(isPng((await a.generate(replicate())).bytes)).toBe(true);
    } finally {
      await stringy.close();
    }
  });

  it('with Prefer: wait, a prediction finished on creation needs no polling', async () => {
    const waiting = createReplicateAdapter(
      { kind: 'replicate', baseUrl: fake.baseUrl, apiKey: fake.apiKey },
      { ...LOOPBACK_IMAGES, preferWaitSeconds: 5 },
    );
    const result = await waiting.generate(replicate());
    expect(isPng(result.bytes)).toBe(true);
    expect(fake.requests[0]!.headers.prefer).toBe('wait=5');
    expect(kinds()).toEqual(['submit', 'file']);
  });

  it('edits: small sources inline as data URIs, large ones uploaded first', async () => {
    const small = await sourceImage(1);
    await adapter.generate(replicate({ sourceImages: [small] }));
    expect(
      (fake.requests[0]!.json as { input: { image_input: string[] } }).input.image_input,
    ).toEqual([`data:image/png;base64,${small.bytes.toString('base64')}`]);
    fake.reset();
    const uploading = createReplicateAdapter(
      { kind: 'replicate', baseUrl: fake.baseUrl, apiKey: fake.apiKey },
      { ...LOOPBACK_IMAGES, inlineSourceMaxBytes: 16 },
    );
    await uploading.generate(replicate({ sourceImages: [small] }));
    const upload = fake.requestsOf('upload')[0]!;
    expect(upload.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(upload.form!.find((p) => p.name === 'content')!.bytes!.equals(small.bytes)).toBe(true);
    const input = (fake.requestsOf('submit')[0]!.json as { input: { image_input: string[] } })
      .input;
    expect(input.image_input[0]).toMatch(new RegExp(`^${fake.baseUrl}/files/`));
  });

  it('resumes a stored prediction id: polls it, creates nothing', async () => {
    fake.scenario.script({ kind: 'success', latencyMs: 100 });
    // The deadline passes right after the id is stored, as if the worker died there.
    const deadline = new AbortController();
    let stored: string | undefined;
    await providerError(
      adapter.generate(
        replicate({
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
    const result = await adapter.generate(replicate({ resumeRequestId: stored! }));
    expect(isPng(result.bytes)).toBe(true);
    expect(result.providerRequestId).toBe(stored);
    expect(fake.requestsOf('submit')).toHaveLength(1);
    expect(fake.requestsOf('status').every((r) => r.path === `/v1/predictions/${stored}`)).toBe(
      true,
    );
  });
});

describe('replicate adapter: failures', () => {
  it('500 on create, then success on a retry', async () => {
    fake.scenario.script({ kind: 'server_error', status: 503 });
    const error = await providerError(adapter.generate(replicate()), 'server_error');
    expect(error.options.httpStatus).toBe(503);
    expect(isPng((await adapter.generate(replicate())).bytes)).toBe(true);
    expect(fake.requestsOf('submit')).toHaveLength(2);
  });

  it('429 with Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 120_000).toUTCString();
    fake.scenario.script({ kind: 'rate_limited', retryAfter: at });
    const error = await providerError(adapter.generate(replicate()), 'rate_limited');
    // An HTTP date has whole seconds: somewhere within the two minutes.
    expect(error.options.retryAfterMs).toBeGreaterThan(100_000);
    expect(error.options.retryAfterMs).toBeLessThanOrEqual(120_000);
    expect(kinds()).toEqual(['submit']);
  });

  it('a prediction failed as sensitive (E005) is a content-policy refusal', async () => {
    fake.scenario.script({ kind: 'content_policy' });
    const error = await providerError(adapter.generate(replicate()), 'content_policy');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('(E005)');
    expect(error.options.requestSettled).toBe(true);
    expect(kinds()).not.toContain('file');
  });

  it('a 422 on create is a bad request', async () => {
    fake.scenario.script({
      kind: 'bad_request',
      message: '- input.aspect_ratio: must be one of 1:1, 16:9',
    });
    const error = await providerError(adapter.generate(replicate()), 'bad_request');
    expect(error.message).toContain('input.aspect_ratio');
  });

  it('malformed JSON on create', async () => {
    fake.scenario.script({ kind: 'malformed_json' });
    await providerError(adapter.generate(replicate()), 'malformed_response');
    expect(kinds()).toEqual(['submit']);
  });

  it('succeeded without output is a provider failure', async () => {
    fake.scenario.script({ kind: 'no_image' });
    await providerError(adapter.generate(replicate()), 'provider_failed');
  });

  it('a create that hangs ends at the deadline', async () => {
    fake.scenario.script({ kind: 'hang' });
    await providerError(
      adapter.generate(replicate({ signal: deadlineWhen(() => fake.requests.length > 0, 50) })),
      'timeout',
    );
    expect(kinds()).toEqual(['submit']);
  });

  it('an output download dripping past the deadline', async () => {
    fake.scenario.script({ kind: 'slow_body', chunkBytes: 4, intervalMs: 100 });
    await providerError(
      adapter.generate(
        replicate({ signal: deadlineWhen(() => fake.requestsOf('file').length > 0, 300) }),
      ),
      'timeout',
    );
    expect(kinds().at(-1)).toBe('file');
  });

  it('an oversized output hits the byte cap', async () => {
    const capped = createReplicateAdapter(
      { kind: 'replicate', baseUrl: fake.baseUrl, apiKey: fake.apiKey },
      { ...LOOPBACK_IMAGES, maxImageBytes: 256 * 1024 },
    );
    fake.scenario.script({ kind: 'oversized_image', bytes: 1024 * 1024 });
    await providerError(capped.generate(replicate()), 'too_large');
  });

  it('an output that is not an image', async () => {
    fake.scenario.script({ kind: 'not_image' });
    await providerError(adapter.generate(replicate()), 'not_image');
  });

  it('an output URL on 127.0.0.1 (another port) or the metadata address is refused', async () => {
    const allowing = createReplicateAdapter(
      { kind: 'replicate', baseUrl: fake.baseUrl, apiKey: fake.apiKey },
      {
        ...LOOPBACK_IMAGES,
        imageUrlPolicy: { requireHttps: false },
        extraImageHosts: ['127.0.0.1', '169.254.169.254'],
      },
    );
    fake.scenario.script({ kind: 'private_image_url', url: `${fake.baseUrl}/files/none` });
    await providerError(allowing.generate(replicate()), 'unsafe_url');
    fake.scenario.script({
      kind: 'private_image_url',
      url: 'http://169.254.169.254/latest/meta-data/',
    });
    await providerError(allowing.generate(replicate()), 'unsafe_url');
    expect(kinds()).not.toContain('file');
  });

  it('a redirect to the metadata address is refused at the hop', async () => {
    fake.scenario.script({ kind: 'redirect_to_private' });
    await providerError(adapter.generate(replicate()), 'unsafe_url');
    expect(kinds().at(-1)).toBe('redirect');
  });

  it('a wrong key is an auth error', async () => {
    const wrong = createReplicateAdapter(
      { kind: 'replicate', baseUrl: fake.baseUrl, apiKey: 'r8_wrong' },
      LOOPBACK_IMAGES,
    );
    await providerError(wrong.generate(replicate()), 'auth');
  });
});
