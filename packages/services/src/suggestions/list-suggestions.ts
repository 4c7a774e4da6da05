import type { Suggestion } from '@arena/contract';
import { challengeSuggestions, type SuggestionStatus } from '@arena/db';
import { asc, desc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { selectSuggestions, suggestionView } from './suggestion-view';

/**
 * Suggestions with one status: pending ones oldest first (the queue an operator works
 * through, on the challenge_suggestions_status index), decided ones latest first.
 */
export async function listSuggestions(
  ctx: Pick<ServiceContext, 'db'>,
  input: { status: SuggestionStatus; limit: number },
): Promise<Suggestion[]> {
  const order =
    input.status === 'pending'
      ? [asc(challengeSuggestions.createdAt), asc(challengeSuggestions.id)]
      : [desc(challengeSuggestions.decidedAt), desc(challengeSuggestions.id)];
  const rows = await selectSuggestions(ctx.db, eq(challengeSuggestions.status, input.status))
    .orderBy(...order)
    .limit(input.limit);
  return rows.map(suggestionView);
}
