import {
  arenaSchema,
  categorySchema,
  challengeSummarySchema,
  leaderboardSchema,
  modelSummarySchema,
} from '@arena/core';
import { CHALLENGE_STATUSES } from '@arena/db';
import { getLeaderboard, listCategories, listChallenges, listModels } from '@arena/services';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../env';
import { createRouter } from './router';
import { errorResponses, json } from './schemas';

const leaderboard = createRoute({
  method: 'get',
  path: '/leaderboards/{arena}',
  summary: 'Leaderboard of an arena, overall or for one category',
  request: {
    params: z.object({ arena: arenaSchema }),
    query: z.object({ category: z.string().min(1).max(80).optional() }),
  },
  responses: { 200: json(leaderboardSchema, 'The leaderboard'), ...errorResponses(400, 404) },
});

const categories = createRoute({
  method: 'get',
  path: '/categories',
  summary: 'Categories, optionally of one arena',
  request: { query: z.object({ arena: arenaSchema.optional() }) },
  responses: {
    200: json(z.object({ categories: z.array(categorySchema) }), 'Categories'),
    ...errorResponses(400),
  },
});

const modelsRoute = createRoute({
  method: 'get',
  path: '/models',
  summary: 'Models in the arena',
  responses: { 200: json(z.object({ models: z.array(modelSummarySchema) }), 'Models') },
});

const challenges = createRoute({
  method: 'get',
  path: '/challenges',
  summary: 'Challenges with their generation progress',
  request: {
    query: z.object({
      arena: arenaSchema.optional(),
      status: z.enum(CHALLENGE_STATUSES).optional(),
    }),
  },
  responses: {
    200: json(z.object({ challenges: z.array(challengeSummarySchema) }), 'Challenges'),
    ...errorResponses(400),
  },
});

/** Read-only views for everyone: leaderboards, categories, models and challenges. */
export function publicCatalogRoutes({ ctx }: AppDeps) {
  const router = createRouter();
  router.openapi(leaderboard, async (c) => {
    const { arena } = c.req.valid('param');
    const { category } = c.req.valid('query');
    return c.json(await getLeaderboard(ctx, { arena, category }), 200);
  });
  router.openapi(categories, async (c) =>
    c.json({ categories: await listCategories(ctx, { arena: c.req.valid('query').arena }) }, 200),
  );
  router.openapi(modelsRoute, async (c) => c.json({ models: await listModels(ctx) }, 200));
  router.openapi(challenges, async (c) => {
    const query = c.req.valid('query');
    return c.json({ challenges: await listChallenges(ctx, query) }, 200);
  });
  return router;
}
