import type { ChallengeLeaderboard, ChallengeSummary } from '@arena/contract';
import { error } from '@sveltejs/kit';
import { ApiError, getChallengeLeaderboard, listChallenges } from '$lib/api';
import { noticeFor, type Notice } from '$lib/notices';

export interface ChallengePageData {
  challenge: ChallengeSummary;
  /** The published results: only a closed challenge has them. */
  board: ChallengeLeaderboard | null;
  boardError: Notice | null;
}

export const STATUS_LABELS: Record<string, string> = {
  draft: 'Draft',
  generating: 'Generating',
  voting: 'Open for voting',
  closed: 'Closed',
  failed: 'Failed',
};

export async function loadChallengePage(
  slug: string,
  fetchFn: typeof fetch,
): Promise<ChallengePageData> {
  let challenges: ChallengeSummary[];
  try {
    challenges = await listChallenges(undefined, { fetch: fetchFn });
  } catch (reason) {
    const status = reason instanceof ApiError && reason.status >= 400 ? reason.status : 500;
    error(status, { message: noticeFor(reason).title });
  }
  const challenge = challenges.find((candidate) => candidate.slug === slug);
  if (!challenge) {
    error(404, { message: `There is no challenge called “${slug}”.`, code: 'challenge_not_found' });
  }
  if (challenge.status !== 'closed') return { challenge, board: null, boardError: null };
  try {
    return {
      challenge,
      board: await getChallengeLeaderboard(slug, { fetch: fetchFn }),
      boardError: null,
    };
  } catch (reason) {
    return { challenge, board: null, boardError: noticeFor(reason) };
  }
}
