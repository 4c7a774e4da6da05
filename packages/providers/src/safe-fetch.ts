import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { guardedLookup } from './guarded-lookup';
import { ProviderError } from './types';
import {
  assertUrlAllowed,
  DEFAULT_MAX_REDIRECTS,
  describeUrl,
  UnsafeUrlError,
  type UrlPolicy,
} from './url-policy';

export interface SafeFetchRequest {
  url: string | URL;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  /** The total deadline: connecting, waiting, and reading the body. */
  signal: AbortSignal;
  /** The body is refused as soon as it passes this many bytes. */
  maxBytes: number;
  /**
   * `'trusted'` for the operator-configured provider base URL (any scheme or address, no
   * redirects followed). A policy for URLs a provider handed back: checked before connecting,
   * at connect time, and again on every redirect hop.
   */
  policy: UrlPolicy | 'trusted';
  /**
   * With a policy: an origin as trusted as the base URL (a gateway serving its own files).
   * Hops to it skip the checks; hops anywhere else get them.
   */
  trustedOrigin?: string;
}

export interface SafeResponse {
  /** The URL that answered, after redirects. */
  url: URL;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** From the start of this fetch to the first response's headers. */
  ttfbMs: number;
  totalMs: number;
  redirects: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

class DeadlineError extends Error {}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * One HTTP exchange under a deadline and a byte cap, with untrusted URLs held to a policy.
 * Built on node:http so the socket's own DNS lookup can be checked, and the body can be
 * refused mid-stream. Failures come back as ProviderError (timeout, too_large, unsafe_url,
 * network); any HTTP status is returned for the caller to judge.
 */
export async function safeFetch(request: SafeFetchRequest): Promise<SafeResponse> {
  const started = performance.now();
  const policy = request.policy === 'trusted' ? undefined : request.policy;
  const maxRedirects = policy ? (policy.maxRedirects ?? DEFAULT_MAX_REDIRECTS) : 0;
  const lookup = policy ? guardedLookup(policy) : undefined;
  const checked = (target: URL) => policy !== undefined && target.origin !== request.trustedOrigin;
  let url = new URL(request.url);
  let ttfbMs: number | undefined;
  try {
    for (let hop = 0; ; hop++) {
      if (policy && checked(url)) assertUrlAllowed(url, policy);
      const response = await open(url, request, hop === 0, checked(url) ? lookup : undefined);
      ttfbMs ??= performance.now() - started;
      const location = headerValue(response.headers, 'location');
      if (policy && REDIRECT_STATUSES.has(response.statusCode ?? 0) && location) {
        response.destroy();
        if (hop >= maxRedirects) {
          throw new UnsafeUrlError(
            `refused ${describeUrl(url)}: more than ${maxRedirects} redirects`,
          );
        }
        url = new URL(location, url);
        continue;
      }
      const body = await readBody(response, request.maxBytes, request.signal);
      return {
        url,
        status: response.statusCode ?? 0,
        headers: response.headers,
        body,
        ttfbMs,
        totalMs: performance.now() - started,
        redirects: hop,
      };
    }
  } catch (error) {
    throw toProviderError(error, url, ttfbMs);
  }
}

function open(
  url: URL,
  request: SafeFetchRequest,
  firstHop: boolean,
  lookup: LookupFunction | undefined,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const { signal } = request;
    if (signal.aborted) return reject(new DeadlineError());
    const client = url.protocol === 'https:' ? https : http;
    // Redirect hops are plain GETs without the caller's headers.
    const method = firstHop ? (request.method ?? 'GET') : 'GET';
    const headers = { 'accept-encoding': 'identity', ...(firstHop ? request.headers : {}) };
    // Untrusted fetches get a fresh socket each, so every connection goes through the lookup.
    const outgoing = client.request(url, {
      method,
      headers,
      ...(lookup ? { lookup, agent: false } : {}),
    });
    const onAbort = () => outgoing.destroy(new DeadlineError());
    signal.addEventListener('abort', onAbort, { once: true });
    outgoing.once('response', (response) => {
      signal.removeEventListener('abort', onAbort);
      resolve(response);
    });
    outgoing.once('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(error);
    });
    outgoing.end(firstHop ? request.body : undefined);
  });
}

class TooLargeError extends Error {}

function readBody(
  response: IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (error: Error | undefined) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error) {
        response.destroy();
        reject(error);
      } else resolve(Buffer.concat(chunks, size));
    };
    const onAbort = () => settle(new DeadlineError());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    const declared = Number(headerValue(response.headers, 'content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      return settle(new TooLargeError(`declared ${declared} bytes, limit ${maxBytes}`));
    }
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) settle(new TooLargeError(`more than ${maxBytes} bytes`));
      else chunks.push(chunk);
    });
    response.on('end', () => settle(undefined));
    response.on('error', (error) => settle(error));
    response.on('close', () => {
      if (!response.complete) settle(new Error('connection closed before the body ended'));
    });
  });
}

function toProviderError(error: unknown, url: URL, ttfbMs: number | undefined): ProviderError {
  if (error instanceof ProviderError) return error;
  const at = describeUrl(url);
  const ttfb = ttfbMs === undefined ? {} : { ttfbMs: Math.round(ttfbMs) };
  if (error instanceof DeadlineError) {
    return new ProviderError('timeout', `deadline passed waiting for ${at}`, {
      retryable: true,
      ...ttfb,
    });
  }
  if (error instanceof TooLargeError) {
    return new ProviderError('too_large', `response from ${at} too large: ${error.message}`, {
      retryable: false,
      ...ttfb,
    });
  }
  if (error instanceof UnsafeUrlError) {
    return new ProviderError('unsafe_url', error.message, { retryable: false, ...ttfb });
  }
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  return new ProviderError('network', `network error on ${at}: ${reason}`, {
    retryable: true,
    ...ttfb,
  });
}
