import { createRoute } from '@hono/zod-openapi';
import { errorResponses, json } from '../responses';
import { categoryListSchema, challengeListSchema, modelListSchema } from '../schemas/catalog';
import { leaderboardSchema } from '../schemas/leaderboards';
import { modelProvidersSchema } from '../schemas/model-providers';
import {
  arenaFilterQuery,
  arenaParams,
  categoryQuery,
  challengeFilterQuery,
  slugParams,
} from '../schemas/params';

/** Read-only views for everyone: leaderboards, categories, models and challenges. */

export const leaderboard = createRoute({
  method: 'get',
  path: '/api/leaderboards/{arena}',
  summary: 'Leaderboard of an arena, overall or for one category',
  request: { params: arenaParams, query: categoryQuery },
  responses: { 200: json(leaderboardSchema, 'The leaderboard'), ...errorResponses(400, 404) },
});

export const categories = createRoute({
  method: 'get',
  path: '/api/categories',
  summary: 'Categories, optionally of one arena',
  request: { query: arenaFilterQuery },
  responses: { 200: json(categoryListSchema, 'Categories'), ...errorResponses(400) },
});

export const models = createRoute({
  method: 'get',
  path: '/api/models',
  summary: 'Models in the arena',
  responses: { 200: json(modelListSchema, 'Models') },
});

export const challenges = createRoute({
  method: 'get',
  path: '/api/challenges',
  summary: 'Challenges with their generation progress',
  request: { query: challengeFilterQuery },
  responses: { 200: json(challengeListSchema, 'Challenges'), ...errorResponses(400) },
});

export const modelProviders = createRoute({
  method: 'get',
  path: '/api/models/{slug}/providers',
  summary: 'Providers & pricing of a model, with their performance over the last 30 days',
  request: { params: slugParams },
  responses: {
    200: json(modelProvidersSchema, 'Offerings with prices and performance'),
    ...errorResponses(400, 404),
  },
});
