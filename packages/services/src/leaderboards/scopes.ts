import { OVERALL_SCOPE, type Arena, type ScopeKey } from '@arena/core';
import { categories, challenges, models } from '@arena/db';
import type { ServiceContext } from '../context';

/** Snapshot scope of a challenge's own leaderboard (`overall` and category ids are the others). */
export const challengeScope = (challengeId: string) => `challenge:${challengeId}`;

interface Named {
  id: string;
  slug: string;
}

/** Ids to slugs and back, for one kind of thing. */
export class NameMap {
  private readonly slugs = new Map<string, string>();
  private readonly ids = new Map<string, string>();

  constructor(rows: readonly Named[]) {
    for (const row of rows) {
      this.slugs.set(row.id, row.slug);
      this.ids.set(row.slug, row.id);
    }
  }

  slug(id: string): string {
    const slug = this.slugs.get(id);
    if (slug === undefined) throw new Error(`unknown id ${id}`);
    return slug;
  }

  id(slug: string): string {
    const id = this.ids.get(slug);
    if (id === undefined) throw new Error(`unknown slug ${slug}`);
    return id;
  }
}

/**
 * Slugs of every model, category and challenge. Leaderboards are computed on slugs (so that a
 * recompute from the export, which has no ids, comes out identical) and stored on ids.
 */
export interface Names {
  models: NameMap;
  categories: NameMap;
  challenges: NameMap;
  /** The arena of each category, by id. */
  categoryArena: Map<string, Arena>;
  /** The category of each challenge, by id. */
  challengeCategory: Map<string, string>;
  /** Ids of the closed challenges: the only ones whose own leaderboards are published. */
  closedChallenges: Set<string>;
}

export async function loadNames(ctx: Pick<ServiceContext, 'db'>): Promise<Names> {
  const { db } = ctx;
  const [modelRows, categoryRows, challengeRows] = await Promise.all([
    db.select({ id: models.id, slug: models.slug }).from(models),
    db
      .select({ id: categories.id, slug: categories.slug, arena: categories.arena })
      .from(categories),
    db
      .select({
        id: challenges.id,
        slug: challenges.slug,
        categoryId: challenges.categoryId,
        status: challenges.status,
      })
      .from(challenges),
  ]);
  return {
    models: new NameMap(modelRows),
    categories: new NameMap(categoryRows),
    challenges: new NameMap(challengeRows),
    categoryArena: new Map(categoryRows.map((row) => [row.id, row.arena])),
    challengeCategory: new Map(challengeRows.map((row) => [row.id, row.categoryId])),
    closedChallenges: new Set(
      challengeRows.filter((row) => row.status === 'closed').map((row) => row.id),
    ),
  };
}

/** The stored scope of a leaderboard computed on names. */
export function storedScope(key: ScopeKey, names: Names): string {
  if (key.challenge !== null) return challengeScope(names.challenges.id(key.challenge));
  if (key.category !== null) return names.categories.id(key.category);
  return OVERALL_SCOPE;
}
