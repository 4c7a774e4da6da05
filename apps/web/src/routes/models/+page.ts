import type { Leaderboard, ModelSummary } from '@arena/contract';
import { getLeaderboard, listModels } from '$lib/api';
import { ARENAS } from '$lib/arenas';
import { noticeFor, type Notice } from '$lib/notices';
import type { PageLoad } from './$types';

export interface ModelsPageData {
  models: ModelSummary[];
  /** The boards, to show each model's rating beside it; a failed board only blanks its column. */
  boards: Array<Leaderboard | null>;
  error: Notice | null;
}

export const load: PageLoad = async ({ fetch }): Promise<ModelsPageData> => {
  const [models, ...boards] = await Promise.allSettled([
    listModels({ fetch }),
    ...ARENAS.map((arena) => getLeaderboard(arena, null, { fetch })),
  ]);
  return {
    models: models.status === 'fulfilled' ? models.value : [],
    boards: boards.map((board) => (board.status === 'fulfilled' ? board.value : null)),
    error: models.status === 'rejected' ? noticeFor(models.reason) : null,
  };
};
