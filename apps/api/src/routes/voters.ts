import { passHumanCheck } from '@arena/services';
import type { AppDeps, Handlers } from '../env';
import { addressOf } from '../limits/limit-requests';
import { NO_LIMITS } from '../limits/request-limits';

/** The voter's own actions beside voting; the app binds these requests to a voter session. */
export function voterHandlers({ ctx, limits }: AppDeps): Handlers<'passHumanCheck'> {
  const address = addressOf(limits ?? NO_LIMITS);
  return {
    passHumanCheck: async (c) => {
      const result = await passHumanCheck(ctx, {
        voterId: c.get('voterId'),
        token: c.req.valid('json').token,
        remoteIp: address(c),
      });
      c.header('Cache-Control', 'no-store');
      return c.json(result, 200);
    },
  };
}
