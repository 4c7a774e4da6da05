import { performance } from 'node:perf_hooks';
import type { PixelSize } from '@arena/core';
import type { Limits } from './adapter-options';
import { classifyHttpFailure, cleanMessage, parseJsonBody, type HttpFailure } from './http-errors';
import { acceptImage, decodeBase64Image } from './image-bytes';
import { headerValue, safeFetch, type SafeResponse } from './safe-fetch';
import type { SizeMapping } from './size-mapping';
import { ProviderError, type GenerateResult } from './types';
import type { UrlPolicy } from './url-policy';

export interface ApiCall {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  json?: unknown;
  body?: Buffer;
  /** A response header carrying the provider's request id (e.g. `x-request-id`). */
  requestIdHeader?: string;
  /** Provider-specific readings of an error body. */
  errors?: Pick<HttpFailure, 'contentPolicyReason' | 'retryAfterFromBody' | 'isAuthFailure'>;
}

export interface ApiAnswer {
  json: unknown;
  status: number;
  headers: SafeResponse['headers'];
}

/**
 * The state of one `generate` call: its deadline, the timings (TTFB of the first exchange,
 * total latency), the provider's request id once known, and the key to keep out of messages.
 */
export class CallContext {
  private readonly started = performance.now();
  private ttfbMs: number | undefined;
  private calls = 0;
  providerRequestId: string | undefined;

  constructor(
    readonly signal: AbortSignal,
    private readonly secret: string | undefined,
    readonly limits: Limits,
    private readonly send: typeof safeFetch = safeFetch,
  ) {}

  private async fetch(request: Parameters<typeof safeFetch>[0]): Promise<SafeResponse> {
    const first = this.calls === 0;
    this.calls++;
    try {
      const response = await this.send(request);
      if (first) this.ttfbMs = response.ttfbMs;
      return response;
    } catch (error) {
      if (first && error instanceof ProviderError) this.ttfbMs = error.options.ttfbMs;
      throw error;
    }
  }

  /** A call to the provider's own API (the trusted base URL), expecting JSON back. */
  async api(call: ApiCall): Promise<ApiAnswer> {
    const body = call.json === undefined ? call.body : Buffer.from(JSON.stringify(call.json));
    const headers = {
      accept: 'application/json',
      ...(call.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...call.headers,
    };
    const response = await this.fetch({
      url: call.url,
      method: call.method ?? (body ? 'POST' : 'GET'),
      headers,
      ...(body ? { body } : {}),
      signal: this.signal,
      maxBytes: this.limits.maxResponseBytes,
      policy: 'trusted',
    });
    const status = response.status;
    const requestId = call.requestIdHeader && headerValue(response.headers, call.requestIdHeader);
    if (requestId) this.providerRequestId = requestId;
    if (status < 200 || status >= 300) {
      throw classifyHttpFailure({
        status,
        headers: response.headers,
        body: response.body,
        ...call.errors,
        ...(this.providerRequestId ? { providerRequestId: this.providerRequestId } : {}),
        ...(this.secret ? { secret: this.secret } : {}),
      });
    }
    return {
      json: parseJsonBody(response.body, { httpStatus: status }),
      status,
      headers: response.headers,
    };
  }

  /** Downloads an image a provider linked to: an untrusted URL, held to `policy`. */
  async download(
    url: string,
    policy: UrlPolicy,
    trustedOrigin?: string,
  ): Promise<{ bytes: Buffer; status: number }> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw new ProviderError('malformed_response', 'provider returned an invalid image URL', {
        retryable: true,
      });
    }
    const response = await this.fetch({
      url: target,
      signal: this.signal,
      maxBytes: this.limits.maxImageBytes,
      policy,
      ...(trustedOrigin ? { trustedOrigin } : {}),
    });
    if (response.status < 200 || response.status >= 300) {
      throw classifyHttpFailure({
        status: response.status,
        headers: response.headers,
        body: response.body.subarray(0, 2048),
        ...(this.secret ? { secret: this.secret } : {}),
      });
    }
    acceptImage(response.body, response.status);
    return { bytes: response.body, status: response.status };
  }

  /** An inline base64 image, checked like a download. */
  inlineImage(data: string): Buffer {
    const bytes = decodeBase64Image(data, this.limits.maxImageBytes);
    acceptImage(bytes);
    return bytes;
  }

  latencyMs(): number {
    return Math.round(performance.now() - this.started);
  }

  result(bytes: Buffer, httpStatus: number, mapping: SizeMapping): GenerateResult {
    const sizeUsed: PixelSize = { ...mapping.used.size };
    return {
      bytes,
      httpStatus,
      ttfbMs: Math.round(this.ttfbMs ?? this.latencyMs()),
      latencyMs: this.latencyMs(),
      sizeUsed,
      sizeMapping: mapping,
      contentType: acceptImage(bytes),
      calls: this.calls,
      ...(this.providerRequestId ? { providerRequestId: this.providerRequestId } : {}),
    };
  }

  /**
   * Completes an error with what this call knows (timings, request id) and scrubs the key.
   * Errors that are not the provider's (a failing `onRequestId`) pass through untouched.
   */
  fail(error: unknown): unknown {
    if (!(error instanceof ProviderError)) return error;
    const { options } = error;
    const providerRequestId = options.providerRequestId ?? this.providerRequestId;
    const ttfbMs = options.ttfbMs ?? this.ttfbMs;
    return new ProviderError(error.errorClass, cleanMessage(error.message, this.secret), {
      ...options,
      latencyMs: this.latencyMs(),
      ...(providerRequestId ? { providerRequestId } : {}),
      ...(ttfbMs === undefined ? {} : { ttfbMs: Math.round(ttfbMs) }),
    });
  }
}
