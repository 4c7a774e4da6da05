import { checkHealth } from '@arena/services';
import type { AppDeps } from '../env';
import type { Handlers } from './handlers';

export function healthHandlers({ ctx }: AppDeps): Handlers<'health'> {
  return { health: async (c) => c.json(await checkHealth(ctx), 200) };
}
