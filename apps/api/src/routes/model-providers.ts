import { modelProvidersSchema } from '@arena/core';
import { getModelProviders } from '@arena/services';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../env';
import { createRouter } from './router';
import { errorResponses, json } from './schemas';

const route = createRoute({
  method: 'get',
  path: '/models/{slug}/providers',
  summary: 'Providers & pricing of a model, with their performance over the last 30 days',
  request: { params: z.object({ slug: z.string().min(1).max(120) }) },
  responses: {
    200: json(modelProvidersSchema, 'Offerings with prices and performance'),
    ...errorResponses(404),
  },
});

export function modelProviderRoutes({ ctx }: AppDeps) {
  const router = createRouter();
  router.openapi(route, async (c) =>
    c.json(await getModelProviders(ctx, c.req.valid('param')), 200),
  );
  return router;
}
