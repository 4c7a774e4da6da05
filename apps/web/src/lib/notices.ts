import { ApiError } from '$lib/api';

export interface Notice {
  tone: 'info' | 'warning' | 'error';
  title: string;
  detail?: string;
}

/** What a voter is told when a battle or a vote fails, by API error code. */
const byCode: Record<string, Notice> = {
  too_early: {
    tone: 'warning',
    title: 'Take a moment to look at both images.',
    detail: 'Voting unlocks again in a second.',
  },
  already_voted: {
    tone: 'info',
    title: 'This battle already has your vote.',
    detail: 'Each battle counts once. Here is a fresh one.',
  },
  battle_expired: {
    tone: 'warning',
    title: 'This battle has expired.',
    detail: 'Battles stay open for a limited time. Start a new one to keep voting.',
  },
  battle_not_yours: {
    tone: 'error',
    title: 'This battle belongs to another session.',
    detail: 'Your session cookie may have been reset or blocked. Start a new battle.',
  },
  battle_not_found: {
    tone: 'error',
    title: 'This battle no longer exists.',
    detail: 'Start a new battle to keep voting.',
  },
  category_not_found: {
    tone: 'error',
    title: 'That category does not exist in this arena.',
    detail: 'Pick another category, or vote across all of them.',
  },
  network_error: {
    tone: 'error',
    title: 'Could not reach the server.',
    detail: 'Check your connection and try again.',
  },
  human_check_failed: {
    tone: 'warning',
    title: 'The check did not go through.',
    detail: 'Please try the check once more.',
  },
  human_check_unavailable: {
    tone: 'error',
    title: 'The check could not be verified just now.',
    detail: 'Please try again in a moment.',
  },
  rate_limited: {
    tone: 'warning',
    title: 'Slow down a little.',
    detail: 'Too many requests in a short time. Try again in a moment.',
  },
};

export function noticeFor(error: unknown): Notice {
  if (error instanceof ApiError) {
    const known = byCode[error.code];
    if (known) return known;
    return {
      tone: 'error',
      title: 'Something went wrong.',
      detail: error.requestId ? `${error.message} (request ${error.requestId})` : error.message,
    };
  }
  return { tone: 'error', title: 'Something went wrong.', detail: String(error) };
}

export const imageFailedNotice: Notice = {
  tone: 'error',
  title: 'An image failed to load.',
  detail: 'This battle cannot be judged fairly. Skip to another one.',
};

export const expiredNotice: Notice = byCode.battle_expired as Notice;
