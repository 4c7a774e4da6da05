/** What a voter can say about a battle, from the voter's point of view (screen sides). */
export const VOTE_OUTCOMES = ['left', 'right', 'tie', 'both_bad'] as const;
export type VoteOutcome = (typeof VOTE_OUTCOMES)[number];

/**
 * Score of the left side: a win is 1, a loss 0; a tie and "both bad" count half to each side,
 * the convention used by the public arenas and by our Bradley-Terry fit.
 */
export function leftScore(outcome: VoteOutcome): number {
  switch (outcome) {
    case 'left':
      return 1;
    case 'right':
      return 0;
    case 'tie':
    case 'both_bad':
      return 0.5;
  }
}
