import type { ErrorBody } from '@arena/contract';
import { parseResponse, type ClientRequestOptions, type ClientResponse } from 'hono/client';

/**
 * How every call of the typed client is sent and answered. Every failure becomes an ApiError,
 * so components branch on `code` instead of parsing responses themselves.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly requestId: string | null;
  /** What the server adds to some refusals (e.g. which human check to pass); unchecked. */
  readonly details: unknown;

  constructor(
    code: string,
    message: string,
    status: number,
    requestId: string | null = null,
    details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.requestId = requestId;
    this.details = details;
  }
}

export interface RequestOptions {
  /** SvelteKit's `fetch` inside load functions; the global one otherwise. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body.code === 'string' && typeof body.message === 'string';
}

const unreadable = (status: number) =>
  new ApiError('unexpected_response', 'The server sent an unreadable response.', status);

/** A refusal in the one error body, or whatever a proxy in between answered instead. */
export async function refusal(
  response: Pick<Response, 'json' | 'status' | 'statusText'>,
): Promise<ApiError> {
  const payload: unknown = await response.json().catch(() => null);
  if (isErrorBody(payload)) {
    return new ApiError(
      payload.code,
      payload.message,
      response.status,
      payload.requestId ?? null,
      payload.details,
    );
  }
  return new ApiError(
    'unexpected_response',
    `The server answered ${response.status} ${response.statusText}.`.replace(/ \.$/, '.'),
    response.status,
  );
}

/**
 * Sends one request of the typed client and resolves to the body of its 2xx answer, typed by
 * the route's declared response (parseResponse keeps only the success statuses).
 */
export async function call<R extends ClientResponse<unknown>>(
  send: (init: ClientRequestOptions) => Promise<R>,
  options: RequestOptions = {},
) {
  let response: R;
  try {
    response = await send({
      fetch: options.fetch,
      headers: { accept: 'application/json' },
      init: { credentials: 'same-origin', signal: options.signal },
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError('network_error', 'Could not reach the server. Check your connection.', 0);
  }
  if (!response.ok) throw await refusal(response);
  if (!/^application\/json\b/i.test(response.headers.get('content-type') ?? '')) {
    throw unreadable(response.status);
  }
  try {
    return await parseResponse(response);
  } catch {
    throw unreadable(response.status);
  }
}
