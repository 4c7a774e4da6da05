import { expect } from 'vitest';
import type { TestResponse } from './client';

const ERROR_FIELDS = new Set(['code', 'message', 'requestId', 'details']);

/** What an error body must never carry: a stack frame, a source file, SQL, the database. */
const INTERNALS =
  /\bat \S+ \(|\.(?:ts|js):\d+|\b(?:select|insert|update|delete)\b[^"]*\b(?:from|into|set|where)\b|sqlstate|postgres|pglite|drizzle|node_modules/i;

/**
 * The one error body, with this status and code: `{ code, message, requestId, details? }` as
 * JSON, the request id the response header carries, and nothing of the server's internals.
 * `label` names the case in a failure.
 */
export function expectError(response: TestResponse, status: number, code: string, label = '') {
  expect({ status: response.status, code: response.body?.code }, label).toEqual({ status, code });
  expect(response.headers.get('content-type'), label).toContain('application/json');
  expect(
    Object.keys(response.body).filter((key) => !ERROR_FIELDS.has(key)),
    label,
  ).toEqual([]);
  expect(response.body.message, label).toEqual(expect.any(String));
  expect(response.body.requestId, label).toBe(response.headers.get('x-request-id'));
  expect(JSON.stringify(response.body), label).not.toMatch(INTERNALS);
}
