import { getModelProviders } from '@arena/services';
import type { AppDeps, Handlers } from '../env';

export function modelProviderHandlers({ ctx }: AppDeps): Handlers<'modelProviders'> {
  return {
    modelProviders: async (c) => c.json(await getModelProviders(ctx, c.req.valid('param')), 200),
  };
}
