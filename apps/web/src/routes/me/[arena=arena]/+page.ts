import type { MyLeaderboard } from '@arena/contract';
import type { Arena } from '@arena/core';
import { getMyLeaderboard } from '$lib/api';
import { noticeFor, type Notice } from '$lib/notices';
import type { PageLoad } from './$types';

export interface MyVotesPageData {
  arena: Arena;
  board: MyLeaderboard | null;
  error: Notice | null;
}

export const load: PageLoad = async ({ params, fetch }): Promise<MyVotesPageData> => {
  try {
    return {
      arena: params.arena,
      board: await getMyLeaderboard(params.arena, { fetch }),
      error: null,
    };
  } catch (error) {
    // Shown in the page, with a retry, rather than on an error page.
    return { arena: params.arena, board: null, error: noticeFor(error) };
  }
};
