import { ProviderError, type ProviderAdapter } from '@arena/providers';
import { profileForModel, sampleLatency, type DemoProfile } from './profiles';
import { renderDemoImage } from './render';
import { abortable, abortableDelay } from './wait';

export interface DemoAdapterOptions {
  /** A named profile, one profile for every model, or per-model profiles. Default 'fast'. */
  profile?: DemoProfile;
  /** Multiplies every sampled latency (0.1 = ten times faster). Default 1. */
  latencyScale?: number;
  /** Uniform [0, 1) source for latency, failures and request ids; seed it in tests. */
  random?: () => number;
}

function randomId(random: () => number): string {
  let id = '';
  for (let i = 0; i < 12; i++) id += Math.floor(random() * 36).toString(36);
  return id;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/**
 * The offline provider: waits like a real API would (log-normal latency from the profile),
 * fails as often as the profile and the model's demo traits say, and otherwise draws a
 * picture whose quality follows the model's hidden strength.
 */
export function createDemoAdapter(options: DemoAdapterOptions = {}): ProviderAdapter {
  const profile = options.profile ?? 'fast';
  const scale = Math.max(0, options.latencyScale ?? 1);
  const random = options.random ?? Math.random;

  return {
    kind: 'demo',
    async generate(request) {
      const started = performance.now();
      const latency = profileForModel(profile, request.model.slug);
      const { latencyMs, ttfbMs } = sampleLatency(latency, random, scale);
      const failureRate = clamp01(request.model.demo?.failureRate ?? 0);
      const succeeds = random() < clamp01(latency.successRate) * (1 - failureRate);
      const overloaded = random() < 0.5;
      const resumed = request.resumeRequestId?.startsWith('demo-')
        ? request.resumeRequestId
        : undefined;
      const requestId = resumed ?? `demo-${randomId(random)}`;
      const timeout = () =>
        new ProviderError('timeout', 'demo generation aborted before it finished', {
          retryable: true,
          providerRequestId: requestId,
        });
      if (request.signal.aborted) throw timeout();
      if (!resumed) await request.onRequestId?.(requestId);

      if (!succeeds) {
        await abortableDelay(ttfbMs, request.signal, timeout);
        throw new ProviderError(
          overloaded ? 'server_error' : 'provider_failed',
          overloaded
            ? 'demo provider overloaded (simulated 503)'
            : 'demo generation failed (simulated)',
          {
            retryable: true,
            httpStatus: overloaded ? 503 : 500,
            providerRequestId: requestId,
            ttfbMs: Math.round(ttfbMs),
          },
        );
      }

      // Draw while "the provider works": the call takes the longer of the two.
      const rendering = renderDemoImage({
        prompt: request.prompt,
        modelSlug: request.model.slug,
        quality: request.model.demo?.quality ?? 0.5,
        attempt: request.attempt,
        seed: request.seed,
        width: request.size.width,
        height: request.size.height,
        sourceImage: request.sourceImages?.[0]?.bytes,
      });
      rendering.catch(() => undefined);
      await abortableDelay(latencyMs, request.signal, timeout);
      let bytes: Buffer;
      try {
        bytes = await abortable(rendering, request.signal, timeout);
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        throw new ProviderError(
          'bad_request',
          `demo provider could not use the request: ${(error as Error).message}`,
          {
            retryable: false,
            httpStatus: 400,
            providerRequestId: requestId,
          },
        );
      }
      return {
        bytes,
        providerRequestId: requestId,
        httpStatus: 200,
        ttfbMs: Math.round(ttfbMs),
        latencyMs: Math.round(performance.now() - started),
        sizeUsed: request.size,
        contentType: 'image/png',
        calls: 1,
      };
    },
  };
}
