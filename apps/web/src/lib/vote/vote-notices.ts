import type { Notice } from '$lib/notices';

/** What the voter is told about taking a vote back, and about a battle that closed under them. */

export const takenBackNotice: Notice = {
  tone: 'info',
  title: 'Vote taken back.',
  detail: 'It no longer counts anywhere. Here is the next battle.',
};

export const undoExpiredNotice: Notice = {
  tone: 'warning',
  title: 'Too late to take this vote back.',
  detail: 'A vote can be taken back for a few seconds only. It stays counted.',
};

export const battleClosedNotice: Notice = {
  tone: 'info',
  title: 'That battle closed before your vote.',
  detail: 'Its challenge has ended or the battle timed out. Here is a fresh one.',
};
