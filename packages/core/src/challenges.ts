/**
 * A challenge's lifecycle: draft -> generating -> voting -> closed; `failed` when generation
 * ended with fewer than two models to compare (an operator can retry).
 */
export const CHALLENGE_STATUSES = ['draft', 'generating', 'voting', 'closed', 'failed'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];
