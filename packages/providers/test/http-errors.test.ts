import { describe, expect, it } from 'vitest';
import {
  classifyHttpFailure,
  parseDurationSeconds,
  parseRetryAfter,
  retryAfterFromHeaders,
  scrubSecret,
} from '../src';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });

  it('reads HTTP dates relative to now', () => {
    expect(parseRetryAfter('Sun, 01 Jun 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sunday, 01-Jun-25 12:01:00 GMT', now)).toBe(60_000);
  });

  it('gives 0 for a date in the past', () => {
    expect(parseRetryAfter('Sun, 01 Jun 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    for (const value of [undefined, '', 'soon', '-5', '12:00', '7s']) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
  });

  it('prefers retry-after-ms', () => {
    expect(retryAfterFromHeaders({ 'retry-after-ms': '250', 'retry-after': '7' }, now)).toBe(250);
    expect(retryAfterFromHeaders({ 'retry-after': '7' }, now)).toBe(7000);
    expect(retryAfterFromHeaders({}, now)).toBeUndefined();
  });

  it("reads Google's retryDelay durations", () => {
    expect(parseDurationSeconds('13s')).toBe(13_000);
    expect(parseDurationSeconds('0.5s')).toBe(500);
    expect(parseDurationSeconds('13')).toBeUndefined();
    expect(parseDurationSeconds(13)).toBeUndefined();
  });
});

describe('classifyHttpFailure', () => {
  const body = (json: unknown) => Buffer.from(JSON.stringify(json));
  const classify = (status: number, json: unknown = {}, extra = {}) =>
    classifyHttpFailure({ status, headers: {}, body: body(json), ...extra });

  it.each([
    [500, 'server_error', true],
    [502, 'server_error', true],
    [503, 'server_error', true],
    [429, 'rate_limited', true],
    [408, 'timeout', true],
    [401, 'auth', false],
    [403, 'auth', false],
    [400, 'bad_request', false],
    [404, 'bad_request', false],
    [422, 'bad_request', false],
    [302, 'provider_failed', false],
  ] as const)('HTTP %i is %s (retryable %s)', (status, errorClass, retryable) => {
    const error = classify(status);
    expect(error.errorClass).toBe(errorClass);
    expect(error.retryable).toBe(retryable);
    expect(error.options.httpStatus).toBe(status);
  });

  it('429 carries Retry-After', () => {
    const error = classifyHttpFailure({
      status: 429,
      headers: { 'retry-after': '3' },
      body: Buffer.from(''),
    });
    expect(error.options.retryAfterMs).toBe(3000);
  });

  it('a 4xx the provider calls a policy refusal is content_policy with the reason', () => {
    const error = classify(
      400,
      { error: { message: 'Rejected by the safety system', code: 'content_policy_violation' } },
      {
        contentPolicyReason: (json: unknown) =>
          (json as { error: { message: string } }).error.message,
      },
    );
    expect(error.errorClass).toBe('content_policy');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Rejected by the safety system');
  });

  it('keeps the provider message, without the key', () => {
    const secret = 'sk-live-0123456789abcdefghij';
    const error = classify(
      400,
      { error: { message: `bad field; your key ${secret} is fine` } },
      { secret },
    );
    expect(error.message).toContain('bad field');
    expect(error.message).not.toContain(secret);
  });

  it('does not repeat the provider message on auth errors', () => {
    const error = classify(401, {
      error: { message: 'Incorrect API key provided: sk-live-***ghij' },
    });
    expect(error.message).toBe('authentication refused (HTTP 401)');
  });
});

describe('scrubSecret', () => {
  it('removes the key and its visible halves', () => {
    const key = 'sk-proj-abcdefgh12345678ijklmnop';
    expect(scrubSecret(`key=${key}`, key)).toBe('key=[redacted]');
    expect(scrubSecret('Incorrect key sk-proj-...ijklmnop', key)).not.toContain('ijklmnop');
    expect(scrubSecret('nothing here', key)).toBe('nothing here');
    expect(scrubSecret('text', undefined)).toBe('text');
  });
});
