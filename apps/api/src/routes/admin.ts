import { closeChallenge, createChallenge, launchChallenge } from '@arena/services';
import type { AppDeps, Handlers } from '../env';

/** Operator endpoints; the app puts them behind operator authentication. */
export function adminHandlers({
  ctx,
}: AppDeps): Handlers<'createChallenge' | 'launchChallenge' | 'closeChallenge'> {
  return {
    createChallenge: async (c) =>
      c.json(
        await createChallenge(ctx, {
          operatorId: c.get('operatorId'),
          challenge: c.req.valid('json'),
        }),
        201,
      ),
    launchChallenge: async (c) =>
      c.json(await launchChallenge(ctx, { challengeId: c.req.valid('param').id }), 202),
    closeChallenge: async (c) =>
      c.json(
        await closeChallenge(ctx, {
          challengeId: c.req.valid('param').id,
          operatorId: c.get('operatorId'),
        }),
        200,
      ),
  };
}
