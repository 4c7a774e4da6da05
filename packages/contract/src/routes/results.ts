import { createRoute } from '@hono/zod-openapi';
import { errorResponses, json } from '../responses';
import { challengeLeaderboardSchema } from '../schemas/challenge-results';
import { positionBiasSchema, ratingHistorySchema } from '../schemas/leaderboards';
import { bestForSchema, headToHeadSchema, modelResultsSchema } from '../schemas/model-results';
import {
  arenaParams,
  categoryQuery,
  headToHeadQuery,
  historyQuery,
  slugParams,
} from '../schemas/params';

/** Read-only result views: position bias, rating history, per-challenge and model results. */

export const positionBias = createRoute({
  method: 'get',
  path: '/api/leaderboards/{arena}/position-bias',
  summary: 'How often the left image wins, with a 95% interval',
  request: { params: arenaParams, query: categoryQuery },
  responses: { 200: json(positionBiasSchema, 'Position bias'), ...errorResponses(400, 404) },
});

export const ratingHistory = createRoute({
  method: 'get',
  path: '/api/models/{slug}/history',
  summary: "A model's published rating over time, for charts",
  request: { params: slugParams, query: historyQuery },
  responses: { 200: json(ratingHistorySchema, 'Rating history'), ...errorResponses(400, 404) },
});

export const modelResults = createRoute({
  method: 'get',
  path: '/api/models/{slug}/results',
  summary: "A model's standing per arena and its results in every closed challenge",
  request: { params: slugParams },
  responses: { 200: json(modelResultsSchema, 'Results'), ...errorResponses(400, 404) },
});

export const headToHead = createRoute({
  method: 'get',
  path: '/api/models/{slug}/head-to-head',
  summary: 'Wins, losses and ties against each opponent, overall or in one closed challenge',
  request: { params: slugParams, query: headToHeadQuery },
  responses: { 200: json(headToHeadSchema, 'Head-to-head'), ...errorResponses(400, 403, 404) },
});

export const bestFor = createRoute({
  method: 'get',
  path: '/api/models/{slug}/best-for',
  summary: 'Categories where the model ranks highest, with its win rate there',
  request: { params: slugParams },
  responses: { 200: json(bestForSchema, 'Best-for'), ...errorResponses(400, 404) },
});

export const challengeLeaderboard = createRoute({
  method: 'get',
  path: '/api/challenges/{slug}/leaderboard',
  summary: "A closed challenge's own leaderboard, with every model's attempts",
  description: 'Results are public once a challenge is closed; before that this answers 403.',
  request: { params: slugParams },
  responses: {
    200: json(challengeLeaderboardSchema, 'The challenge leaderboard'),
    ...errorResponses(400, 403, 404),
  },
});
