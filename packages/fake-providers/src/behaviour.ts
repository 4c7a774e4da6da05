/**
 * What a fake provider does with one request (for fal and Replicate: with one job). Each API's
 * server renders these in its own wire format.
 */
export type FakeBehaviour =
  | { kind: 'success' }
  /** A 5xx answer. */
  | { kind: 'server_error'; status?: number }
  /** 429 with `Retry-After` (seconds or an HTTP date; default "7"). */
  | { kind: 'rate_limited'; retryAfter?: string }
  /** The provider's content-policy refusal; `stage: 'output'` refuses the result, not the prompt. */
  | { kind: 'content_policy'; reason?: string; stage?: 'prompt' | 'output' }
  /** A 400 that is not a policy refusal. */
  | { kind: 'bad_request'; message?: string }
  /** A 200 whose body is not valid JSON. */
  | { kind: 'malformed_json' }
  /** The first response never comes. */
  | { kind: 'hang' }
  /** The image (or the JSON carrying it) trickles out `chunkBytes` every `intervalMs`. */
  | { kind: 'slow_body'; chunkBytes?: number; intervalMs?: number }
  /** A real PNG of about `bytes` bytes (random noise; default 1 MiB). */
  | { kind: 'oversized_image'; bytes?: number }
  /** HTML served as `image/png`. */
  | { kind: 'not_image' }
  /** An answer without any image. */
  | { kind: 'no_image' }
  /** The image URL points elsewhere; default `http://10.0.0.1/image.png`. */
  | { kind: 'private_image_url'; url?: string }
  /** The image URL is on the fake and redirects; default to the cloud metadata address. */
  | { kind: 'redirect_to_private'; target?: string };

export type FakeBehaviourKind = FakeBehaviour['kind'];

/** A behaviour for one request, optionally with its own timing. */
export type FakeStep = FakeBehaviour & { latencyMs?: number; ttfbMs?: number };

/** Milliseconds: fixed, uniform, or log-normal (given its median and 95th percentile). */
export type LatencySpec =
  | number
  | { kind: 'uniform'; minMs: number; maxMs: number }
  | { kind: 'lognormal'; medianMs: number; p95Ms: number };

/** How one model behaves when no script says otherwise. */
export interface ModelProfile {
  /** Sync APIs: time to the end of the answer. fal / Replicate: time until the job completes. */
  latency?: LatencySpec;
  /** Time to the response headers; default: the latency (sync) or 0 (job submission). */
  ttfb?: LatencySpec;
  /** Probability in [0, 1] that a request fails. */
  failureRate?: number;
  /** How it fails; one is picked at random when several are given. Default a 500. */
  failure?: FakeBehaviour | readonly FakeBehaviour[];
}

export const DEFAULT_PRIVATE_IMAGE_URL = 'http://10.0.0.1/image.png';
export const DEFAULT_REDIRECT_TARGET = 'http://169.254.169.254/latest/meta-data/';
export const NOT_AN_IMAGE = Buffer.from(
  '<!doctype html><html><body><h1>Not an image</h1></body></html>\n',
);
