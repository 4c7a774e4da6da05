import { conflict } from '@arena/core';

/** Postgres (and PGlite) report a unique constraint refusing a row as SQLSTATE 23505. */
function isUniqueViolation(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    if ((current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * For `.catch` on a write: a unique violation (a slug taken by a concurrent write, which the
 * checks before it could not see) becomes the 409 those checks would have answered.
 */
export function conflictOnDuplicate(code: string, message: string) {
  return (error: unknown): never => {
    if (isUniqueViolation(error)) throw conflict(code, message);
    throw error;
  };
}

/** The fields of a partial update that were sent (`null` included: it clears the field). */
export function sentFields<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** Dates on the wire are ISO strings. */
export const iso = (date: Date) => date.toISOString();
export const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);
