import { checkHealth } from '@arena/services';
import type { AppDeps } from '../env';
import { createRouter } from './router';

export function healthRoutes({ ctx }: AppDeps) {
  const router = createRouter();
  router.get('/health', async (c) => c.json(await checkHealth(ctx)));
  return router;
}
