import type { ChallengeSummary } from '@arena/contract';
import type { Arena } from '@arena/core';
import { listChallenges } from '$lib/api';
import { isArena } from '$lib/arenas';
import { noticeFor, type Notice } from '$lib/notices';
import type { PageLoad } from './$types';

export interface ChallengesPageData {
  /** The arena filter from `?arena=`; null shows both. */
  arena: Arena | null;
  challenges: ChallengeSummary[];
  error: Notice | null;
}

export const load: PageLoad = async ({ url, fetch }): Promise<ChallengesPageData> => {
  const wanted = url.searchParams.get('arena');
  const arena = isArena(wanted) ? wanted : null;
  try {
    return { arena, challenges: await listChallenges(arena ?? undefined, { fetch }), error: null };
  } catch (reason) {
    return { arena, challenges: [], error: noticeFor(reason) };
  }
};
