/**
 * Flags an operator sets on a voter (voters.flags). `flagged` marks a voter for a closer look
 * and changes nothing for them; `blocked` is a ban: no new battles or votes, and the votes
 * they cast before it leave the leaderboards and the open data (they stay stored).
 */
export const VOTER_FLAGS = ['flagged', 'blocked'] as const;
export type VoterFlag = (typeof VOTER_FLAGS)[number];

export const FLAGGED_FLAG: VoterFlag = 'flagged';
export const BANNED_FLAG: VoterFlag = 'blocked';
