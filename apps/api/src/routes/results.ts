import {
  arenaSchema,
  bestForSchema,
  challengeLeaderboardSchema,
  headToHeadSchema,
  modelResultsSchema,
  positionBiasSchema,
  ratingHistorySchema,
} from '@arena/core';
import {
  getBestFor,
  getChallengeLeaderboard,
  getHeadToHead,
  getModelResults,
  getPositionBias,
  getRatingHistory,
} from '@arena/services';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../env';
import { createRouter } from './router';
import { errorResponses, json } from './schemas';

const slug = z.string().min(1).max(120);
const categorySlug = z.string().min(1).max(80).optional();

const positionBias = createRoute({
  method: 'get',
  path: '/leaderboards/{arena}/position-bias',
  summary: 'How often the left image wins, with a 95% interval',
  request: {
    params: z.object({ arena: arenaSchema }),
    query: z.object({ category: categorySlug }),
  },
  responses: { 200: json(positionBiasSchema, 'Position bias'), ...errorResponses(400, 404) },
});

const history = createRoute({
  method: 'get',
  path: '/models/{slug}/history',
  summary: "A model's published rating over time, for charts",
  request: {
    params: z.object({ slug }),
    query: z.object({ arena: arenaSchema, category: categorySlug }),
  },
  responses: { 200: json(ratingHistorySchema, 'Rating history'), ...errorResponses(400, 404) },
});

const results = createRoute({
  method: 'get',
  path: '/models/{slug}/results',
  summary: "A model's standing per arena and its results in every closed challenge",
  request: { params: z.object({ slug }) },
  responses: { 200: json(modelResultsSchema, 'Results'), ...errorResponses(404) },
});

const headToHead = createRoute({
  method: 'get',
  path: '/models/{slug}/head-to-head',
  summary: 'Wins, losses and ties against each opponent, overall or in one closed challenge',
  request: {
    params: z.object({ slug }),
    query: z.object({
      arena: arenaSchema.optional(),
      challenge: z.string().min(1).max(80).optional().meta({ description: 'challenge slug' }),
    }),
  },
  responses: { 200: json(headToHeadSchema, 'Head-to-head'), ...errorResponses(400, 403, 404) },
});

const bestFor = createRoute({
  method: 'get',
  path: '/models/{slug}/best-for',
  summary: 'Categories where the model ranks highest, with its win rate there',
  request: { params: z.object({ slug }) },
  responses: { 200: json(bestForSchema, 'Best-for'), ...errorResponses(404) },
});

const challengeLeaderboard = createRoute({
  method: 'get',
  path: '/challenges/{slug}/leaderboard',
  summary: "A closed challenge's own leaderboard, with every model's attempts",
  description: 'Results are public once a challenge is closed; before that this answers 403.',
  request: { params: z.object({ slug }) },
  responses: {
    200: json(challengeLeaderboardSchema, 'The challenge leaderboard'),
    ...errorResponses(403, 404),
  },
});

/** Read-only result views: position bias, rating history, per-challenge and model results. */
export function resultRoutes({ ctx }: AppDeps) {
  const router = createRouter();
  router.openapi(positionBias, async (c) =>
    c.json(await getPositionBias(ctx, { ...c.req.valid('param'), ...c.req.valid('query') }), 200),
  );
  router.openapi(history, async (c) =>
    c.json(await getRatingHistory(ctx, { ...c.req.valid('param'), ...c.req.valid('query') }), 200),
  );
  router.openapi(results, async (c) =>
    c.json(await getModelResults(ctx, c.req.valid('param')), 200),
  );
  router.openapi(headToHead, async (c) =>
    c.json(await getHeadToHead(ctx, { ...c.req.valid('param'), ...c.req.valid('query') }), 200),
  );
  router.openapi(bestFor, async (c) => c.json(await getBestFor(ctx, c.req.valid('param')), 200));
  router.openapi(challengeLeaderboard, async (c) =>
    c.json(await getChallengeLeaderboard(ctx, c.req.valid('param')), 200),
  );
  return router;
}
