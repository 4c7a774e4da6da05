import { ApiError, isAbort, refusal } from '$lib/api-call';

/**
 * How the console talks to the admin API: the session cookie goes with every request (the
 * browser sends it; scripts cannot read it) and every write carries the session's CSRF token
 * in `X-CSRF-Token`, which a cross-site form cannot set. Failures are ApiErrors, as in the
 * public client.
 */

let csrfToken: string | null = null;
let onSessionLost: (() => void) | null = null;

/** The token the login (or the current session) gave; null after logout. */
export function useCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the API says the session is gone (expired, revoked, logged out elsewhere). */
export function whenSessionLost(callback: (() => void) | null): void {
  onSessionLost = callback;
}

export type Body = { json: unknown } | { form: FormData };

export interface AdminRequest {
  body?: Body;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
}

function withQuery(path: string, query: AdminRequest['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** One call of the admin API, resolving to its JSON body (or null for 204). */
export async function adminRequest<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  request: AdminRequest = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined;
  if (request.body && 'json' in request.body) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.body.json);
  } else if (request.body) {
    body = request.body.form; // the browser sets the multipart boundary
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, request.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: request.signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError('network_error', 'Could not reach the server. Check your connection.', 0);
  }
  if (!response.ok) {
    const error = await refusal(response);
    if (response.status === 401 && path !== '/api/admin/session') onSessionLost?.();
    throw error;
  }
  if (response.status === 204) return null as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError('unexpected_response', 'The server sent an unreadable response.', 0);
  }
}
