import { conflict, notFound } from '@arena/core';
import { challengeSuggestions, type Database } from '@arena/db';
import { eq } from 'drizzle-orm';

/** A pending suggestion, locked for the decision; 404 or 409 otherwise. */
export async function lockPendingSuggestion(tx: Database, suggestionId: string) {
  const [row] = await tx
    .select()
    .from(challengeSuggestions)
    .where(eq(challengeSuggestions.id, suggestionId))
    .for('update');
  if (!row) throw notFound('suggestion_not_found', 'no such suggestion');
  if (row.status !== 'pending') {
    throw conflict('suggestion_decided', `this suggestion was already ${row.status}`);
  }
  return row;
}
