import type { Suggestion } from '@arena/contract';
import { categories, challengeSuggestions, challenges, type Database } from '@arena/db';
import { eq, type SQL } from 'drizzle-orm';

/** Suggestions as operators see them, with their category and the draft they became. */
export function selectSuggestions(db: Database, where: SQL | undefined) {
  return db
    .select({
      suggestion: challengeSuggestions,
      category: { id: categories.id, slug: categories.slug, name: categories.name },
      challenge: { id: challenges.id, slug: challenges.slug, status: challenges.status },
    })
    .from(challengeSuggestions)
    .leftJoin(categories, eq(categories.id, challengeSuggestions.categoryId))
    .leftJoin(challenges, eq(challenges.id, challengeSuggestions.challengeId))
    .where(where);
}

type Row = Awaited<ReturnType<typeof selectSuggestions>>[number];

export function suggestionView({ suggestion, category, challenge }: Row): Suggestion {
  return {
    id: suggestion.id,
    arena: suggestion.arena,
    category,
    prompt: suggestion.prompt,
    status: suggestion.status,
    voterId: suggestion.voterId,
    challenge,
    decidedBy: suggestion.decidedBy,
    decidedAt: suggestion.decidedAt?.toISOString() ?? null,
    createdAt: suggestion.createdAt.toISOString(),
  };
}

/** One suggestion, by id; undefined when there is none. */
export async function findSuggestion(db: Database, id: string): Promise<Suggestion | undefined> {
  const [row] = await selectSuggestions(db, eq(challengeSuggestions.id, id));
  return row && suggestionView(row);
}
