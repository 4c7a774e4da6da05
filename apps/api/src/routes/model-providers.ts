import { getModelProviders } from '@arena/services';
import type { AppDeps } from '../env';
import type { Handlers } from './handlers';

export function modelProviderHandlers({ ctx }: AppDeps): Handlers<'modelProviders'> {
  return {
    modelProviders: async (c) => c.json(await getModelProviders(ctx, c.req.valid('param')), 200),
  };
}
