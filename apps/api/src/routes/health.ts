import { checkHealth } from '@arena/services';
import type { AppDeps, Handlers } from '../env';

export function healthHandlers({ ctx }: AppDeps): Handlers<'health'> {
  return { health: async (c) => c.json(await checkHealth(ctx), 200) };
}
