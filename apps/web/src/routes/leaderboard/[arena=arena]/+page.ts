import type { Category, Leaderboard } from '@arena/contract';
import { getLeaderboard, listCategories } from '$lib/api';
import { noticeFor, type Notice } from '$lib/notices';
import type { PageLoad } from './$types';

export interface LeaderboardPageData {
  arena: Leaderboard['arena'];
  category: string | null;
  leaderboard: Leaderboard | null;
  error: Notice | null;
  categories: Category[];
}

export const load: PageLoad = async ({ params, url, fetch }): Promise<LeaderboardPageData> => {
  const category = url.searchParams.get('category') || null;
  const [board, categories] = await Promise.allSettled([
    getLeaderboard(params.arena, category, { fetch }),
    listCategories(params.arena, { fetch }),
  ]);
  return {
    arena: params.arena,
    category,
    // Failures are shown in the page, next to the filters, rather than on an error page.
    leaderboard: board.status === 'fulfilled' ? board.value : null,
    error: board.status === 'rejected' ? noticeFor(board.reason) : null,
    categories: categories.status === 'fulfilled' ? categories.value : [],
  };
};
