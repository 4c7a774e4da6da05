import { clearVoter, closeChallenge, launchChallenge, listSuspectedVoters } from '@arena/services';
import type { AppDeps, Handlers } from '../env';
import { createChallengeFromRequest } from './create-challenge';

/** Operator endpoints; the app puts them behind operator authentication. */
export function adminHandlers({
  ctx,
}: AppDeps): Handlers<
  'createChallenge' | 'launchChallenge' | 'closeChallenge' | 'listVoters' | 'clearVoter'
> {
  return {
    createChallenge: async (c) => createChallengeFromRequest(c, ctx),
    launchChallenge: async (c) =>
      c.json(
        await launchChallenge(ctx, {
          challengeId: c.req.valid('param').id,
          operatorId: c.get('operatorId'),
        }),
        202,
      ),
    closeChallenge: async (c) =>
      c.json(
        await closeChallenge(ctx, {
          challengeId: c.req.valid('param').id,
          operatorId: c.get('operatorId'),
        }),
        200,
      ),
    // `status` has one value for now (suspected); the query validates it.
    listVoters: async (c) => c.json({ voters: await listSuspectedVoters(ctx) }, 200),
    clearVoter: async (c) =>
      c.json(
        await clearVoter(ctx, {
          voterId: c.req.valid('param').id,
          operatorId: c.get('operatorId'),
        }),
        200,
      ),
  };
}
