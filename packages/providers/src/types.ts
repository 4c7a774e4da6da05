import type { AspectRatio, DemoTraits, PixelSize, ProviderKind, ResolutionTier } from '@arena/core';
import type { SizeMapping, SizeSupport } from './size-mapping';

export interface SourceImage {
  bytes: Buffer;
  contentType: 'image/png' | 'image/jpeg' | 'image/webp';
}

/** What the arena asks of a provider for one generation. */
export interface GenerateRequest {
  /** The provider's own id for the model, e.g. `fal-ai/nano-banana`. */
  providerModelId: string;
  /** The arena's model, for adapters that need it (the demo provider). */
  model: { slug: string; name: string; demo?: DemoTraits | null };
  prompt: string;
  /** Present for image editing. */
  sourceImages?: SourceImage[];
  aspectRatio: AspectRatio;
  resolution: ResolutionTier;
  /** The pixel size wanted; adapters map it to the nearest size the model supports. */
  size: PixelSize;
  seed: number;
  /** 1..3: which of the model's three answers to the challenge this is. */
  attempt: number;
  /** Total deadline for the call, downloads included. */
  signal: AbortSignal;
  /** A request id stored by an earlier try: resume it instead of paying for a new one. */
  resumeRequestId?: string;
  /** Called once the provider has assigned a request id, before any polling. */
  onRequestId?: (requestId: string) => Promise<void>;
  /** What sizes the offering accepts; adapters fall back to a guess from the model id. */
  sizeSupport?: SizeSupport;
  /** Output encoding to ask for where the API has the choice. */
  outputFormat?: 'png' | 'jpeg' | 'webp';
}

export interface GenerateResult {
  /** Raw image bytes as the provider returned them (normalised later by storage). */
  bytes: Buffer;
  providerRequestId?: string;
  httpStatus: number;
  /** Time to first byte of the provider's first response. */
  ttfbMs: number;
  latencyMs: number;
  /** The size the provider was asked for, after mapping to what the model supports. */
  sizeUsed: PixelSize;
  /** Requested versus used size, ratio and tier, for the generation's record. */
  sizeMapping?: SizeMapping;
  /** The image type recognised by its magic bytes. */
  contentType?: 'image/png' | 'image/jpeg' | 'image/webp';
  /** HTTP exchanges made, polls and downloads included. */
  calls?: number;
}

/** Why a provider call failed, coarse enough to chart and to decide on retries. */
export const ERROR_CLASSES = [
  'timeout',
  'rate_limited',
  'server_error',
  'content_policy',
  'bad_request',
  'auth',
  'malformed_response',
  'network',
  'too_large',
  'not_image',
  'unsafe_url',
  'provider_failed',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

export class ProviderError extends Error {
  constructor(
    readonly errorClass: ErrorClass,
    message: string,
    readonly options: {
      retryable: boolean;
      httpStatus?: number;
      /** From a `Retry-After` header: wait at least this long before the next try. */
      retryAfterMs?: number;
      providerRequestId?: string;
      ttfbMs?: number;
      latencyMs?: number;
      /**
       * The provider finished the request (failed, refused, canceled): resuming it would only
       * repeat the answer, so a retry must submit afresh.
       */
      requestSettled?: boolean;
    },
  ) {
    super(message);
    this.name = 'ProviderError';
  }

  get retryable(): boolean {
    return this.options.retryable;
  }
}

/** Everything an adapter needs to reach its provider; the key comes from the environment. */
export interface ProviderConnection {
  kind: ProviderKind;
  baseUrl?: string | null;
  apiKey?: string;
}

export interface ProviderAdapter {
  readonly kind: ProviderKind;
  generate(request: GenerateRequest): Promise<GenerateResult>;
}
