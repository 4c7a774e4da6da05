import type { TestArena } from './arena';
import { TestClient } from './client';

/** A valid draft challenge for the operator endpoints, with any field replaced. */
export const draft = (slug: string, fields: Record<string, unknown> = {}) => ({
  slug,
  title: `Draft ${slug}`,
  arena: 'text-to-image',
  category: 'photorealism',
  prompt: 'A lighthouse at dawn.',
  ...fields,
});

/** The admin API as one operator's bearer token calls it (`token()` read at each call). */
export function asOperator(arena: () => TestArena, token: () => string) {
  const headers = () => ({ authorization: `Bearer ${token()}` });
  const client = () => new TestClient(arena().app);
  const get = (path: string) => client().get(path, headers());
  return {
    headers,
    get,
    post: (path: string, body?: unknown) => client().post(path, body, headers()),
    /** A challenge's fan-out grid. */
    fanOut: async (id: string) => (await get(`/api/admin/challenges/${id}/generations`)).body,
  };
}
