import type { Category, Leaderboard, ModelSummary } from '@arena/contract';
import type { Arena } from '@arena/core';
import { getLeaderboard, listCategories, listModels } from '$lib/api';
import { ARENAS, isArena } from '$lib/arenas';
import { noticeFor, type Notice } from '$lib/notices';
import type { PageLoad } from './$types';

export interface ModelsPageData {
  models: ModelSummary[];
  /** The arena filter (`?arena=`); null lists both arenas. */
  arena: Arena | null;
  /** The category filter (`?category=`), a slug of the filtered arena's categories. */
  category: string | null;
  /** One board per arena listed (overall, or the category's); a failed board only blanks it. */
  boards: Array<{ arena: Arena; board: Leaderboard | null }>;
  categories: Category[];
  error: Notice | null;
}

export const load: PageLoad = async ({ fetch, url }): Promise<ModelsPageData> => {
  const wanted = url.searchParams.get('arena');
  const arena = isArena(wanted) ? wanted : null;
  // A category belongs to one arena: without an arena there is no category filter.
  const category = arena ? url.searchParams.get('category') || null : null;
  const arenas = arena ? [arena] : [...ARENAS];
  const [models, categories, ...boards] = await Promise.allSettled([
    listModels({ fetch }),
    Promise.all(ARENAS.map((each) => listCategories(each, { fetch }))),
    ...arenas.map((each) => getLeaderboard(each, category, { fetch })),
  ]);
  return {
    models: models.status === 'fulfilled' ? models.value : [],
    arena,
    category,
    boards: arenas.map((each, i) => {
      const board = boards[i];
      return { arena: each, board: board?.status === 'fulfilled' ? board.value : null };
    }),
    categories: categories.status === 'fulfilled' ? categories.value.flat() : [],
    error: models.status === 'rejected' ? noticeFor(models.reason) : null,
  };
};
