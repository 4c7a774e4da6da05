import type { Category } from '@arena/contract';
import type { Arena } from '@arena/core';
import { listCategories } from '$lib/api';

export interface VotePageData {
  arena: Arena;
  category: string | null;
  /** Not awaited: the battle request should not wait for the category list. */
  categories: Promise<Category[]>;
}

export function loadVotePage(arena: Arena, url: URL, fetchFn: typeof fetch): VotePageData {
  return {
    arena,
    category: url.searchParams.get('category') || null,
    // A missing category list only costs the filter; the vote page still works.
    categories: listCategories(arena, { fetch: fetchFn }).catch(() => []),
  };
}
