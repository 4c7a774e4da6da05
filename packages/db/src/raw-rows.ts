/**
 * The rows of `db.execute(sql\`…\`)`, whichever driver ran it: postgres.js returns them as an
 * array, PGlite in a `rows` field. For statements the query builder cannot express.
 */
export function rawRows<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}
