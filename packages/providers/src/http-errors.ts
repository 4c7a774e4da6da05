import type { IncomingHttpHeaders } from 'node:http';
import { retryAfterFromHeaders } from './retry-after';
import { scrubSecret } from './secrets';
import { ProviderError } from './types';

export interface HttpFailure {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Provider-specific: the provider's reason when the body is a content-policy refusal. */
  contentPolicyReason?: (json: unknown) => string | undefined;
  /** Provider-specific: an auth failure sent with another status (Gemini's 400 API_KEY_INVALID). */
  isAuthFailure?: (json: unknown) => boolean;
  /** Extra delay hints a provider puts in its body (Google's RetryInfo). */
  retryAfterFromBody?: (json: unknown) => number | undefined;
  providerRequestId?: string;
  ttfbMs?: number;
  /** The API key, scrubbed from anything the provider echoed back. */
  secret?: string;
}

const MAX_MESSAGE = 300;

export function tryParseJson(body: Buffer | string): unknown {
  try {
    return JSON.parse(body.toString());
  } catch {
    return undefined;
  }
}

/** The human part of the error bodies the supported APIs send. */
export function providerMessage(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const record = json as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const message = (error as Record<string, unknown>).message;
    if (typeof message === 'string') return message;
  }
  const detail = record.detail;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    const first = detail[0] as Record<string, unknown> | undefined;
    if (typeof first?.msg === 'string') return first.msg;
  }
  for (const key of ['message', 'title']) {
    if (typeof record[key] === 'string') return record[key];
  }
  return undefined;
}

export function cleanMessage(text: string, secret: string | undefined): string {
  const scrubbed = scrubSecret(text, secret).replace(/\s+/g, ' ').trim();
  return scrubbed.length > MAX_MESSAGE ? `${scrubbed.slice(0, MAX_MESSAGE)}…` : scrubbed;
}

/** One non-2xx answer from a provider, classified for retries and charts. */
export function classifyHttpFailure(failure: HttpFailure): ProviderError {
  const { status } = failure;
  const json = tryParseJson(failure.body);
  const detail = providerMessage(json) ?? failure.body.toString().slice(0, MAX_MESSAGE);
  const message = (label: string) =>
    cleanMessage(
      detail ? `${label} (HTTP ${status}): ${detail}` : `${label} (HTTP ${status})`,
      failure.secret,
    );
  const base = {
    httpStatus: status,
    ...(failure.providerRequestId ? { providerRequestId: failure.providerRequestId } : {}),
    ...(failure.ttfbMs === undefined ? {} : { ttfbMs: failure.ttfbMs }),
  };
  if (status === 429) {
    const retryAfterMs =
      retryAfterFromHeaders(failure.headers) ?? failure.retryAfterFromBody?.(json);
    return new ProviderError('rate_limited', message('rate limited'), {
      retryable: true,
      ...base,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status === 401 || status === 403 || failure.isAuthFailure?.(json)) {
    // Auth errors often echo part of the key: keep the provider's words out of it.
    return new ProviderError('auth', `authentication refused (HTTP ${status})`, {
      retryable: false,
      ...base,
    });
  }
  if (status === 408) {
    return new ProviderError('timeout', message('provider timed out'), {
      retryable: true,
      ...base,
    });
  }
  if (status >= 500) {
    return new ProviderError('server_error', message('provider error'), {
      retryable: true,
      ...base,
    });
  }
  if (status >= 400) {
    const reason = failure.contentPolicyReason?.(json);
    if (reason !== undefined) {
      return new ProviderError(
        'content_policy',
        cleanMessage(`refused by content policy: ${reason}`, failure.secret),
        { retryable: false, ...base },
      );
    }
    return new ProviderError('bad_request', message('request refused'), {
      retryable: false,
      ...base,
    });
  }
  return new ProviderError('provider_failed', message('unexpected status'), {
    retryable: false,
    ...base,
  });
}

/** A 2xx body that should be JSON; anything else is a malformed (and retryable) answer. */
export function parseJsonBody(
  body: Buffer,
  context: { httpStatus: number; ttfbMs?: number },
): unknown {
  const json = tryParseJson(body);
  if (json === undefined) {
    throw new ProviderError('malformed_response', 'provider answered with invalid JSON', {
      retryable: true,
      ...context,
    });
  }
  return json;
}
