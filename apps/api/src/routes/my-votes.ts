import { getMyLeaderboard } from '@arena/services';
import type { AppDeps, Handlers } from '../env';
import { voterFromCookie } from '../middleware/voter';

/**
 * The voter's own view of their votes. It reads the session cookie without creating a voter:
 * a reader who never voted has no votes, and looking must not mint a voter row per visit.
 */
export function myVoteHandlers({ ctx, sessionSecret }: AppDeps): Handlers<'myLeaderboard'> {
  return {
    myLeaderboard: async (c) => {
      const board = await getMyLeaderboard(ctx, {
        arena: c.req.valid('query').arena,
        voterId: voterFromCookie(c, sessionSecret),
      });
      // One voter's answer, changing with each vote: never stored by a cache.
      c.header('Cache-Control', 'no-store');
      return c.json(board, 200);
    },
  };
}
