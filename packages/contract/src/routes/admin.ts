import { createRoute } from '@hono/zod-openapi';
import { OPERATOR_SECURITY } from '../openapi';
import { errorResponses, json } from '../responses';
import {
  closedChallengeSchema,
  createChallengeInput,
  createdChallengeSchema,
  launchResultSchema,
} from '../schemas/admin';
import { createChallengeForm } from '../schemas/admin-challenges';
import { uuidParams, voterStatusQuery } from '../schemas/params';
import { clearedVoterSchema, suspectedVotersSchema } from '../schemas/voters';

/** Operator endpoints, behind a bearer token. */

export const createChallenge = createRoute({
  method: 'post',
  path: '/api/admin/challenges',
  summary: 'Add a draft challenge',
  description:
    'JSON, or multipart/form-data with the source image of an image-editing challenge as ' +
    'the file `sourceImage` (PNG, JPEG or WebP; SVG, other files, oversized files and images ' +
    'of too many pixels are refused with the field named in `details.field`). Without ' +
    '`aspectRatio`, an editing challenge takes the nearest supported ratio of its source image.',
  security: OPERATOR_SECURITY,
  request: {
    // Not `required`: the body is one of the two types, and each validator runs on its own.
    body: {
      content: {
        'application/json': { schema: createChallengeInput },
        'multipart/form-data': { schema: createChallengeForm },
      },
    },
  },
  responses: {
    201: json(createdChallengeSchema, 'The draft challenge'),
    ...errorResponses(400, 401, 404, 409, 413, 415),
  },
});

export const launchChallenge = createRoute({
  method: 'post',
  path: '/api/admin/challenges/{id}/launch',
  summary: 'Fan a challenge out to every active model of its arena, three attempts each',
  security: OPERATOR_SECURITY,
  request: { params: uuidParams },
  responses: {
    202: json(launchResultSchema, 'Generation has started'),
    ...errorResponses(400, 401, 404, 409),
  },
});

export const closeChallenge = createRoute({
  method: 'post',
  path: '/api/admin/challenges/{id}/close',
  summary: 'Close a challenge: no more battles or votes, and its results become public',
  security: OPERATOR_SECURITY,
  request: { params: uuidParams },
  responses: {
    200: json(closedChallengeSchema, 'The challenge is closed'),
    ...errorResponses(400, 401, 404, 409),
  },
});

export const listVoters = createRoute({
  method: 'get',
  path: '/api/admin/voters',
  summary: 'Voters whose votes screening keeps off the leaderboards and the open data',
  security: OPERATOR_SECURITY,
  request: { query: voterStatusQuery },
  responses: {
    200: json(suspectedVotersSchema, 'The suspected voters, most recently flagged first'),
    ...errorResponses(400, 401),
  },
});

export const clearVoter = createRoute({
  method: 'post',
  path: '/api/admin/voters/{id}/clear',
  summary: 'Clear a suspected voter: their votes return to the leaderboards and the open data',
  security: OPERATOR_SECURITY,
  request: { params: uuidParams },
  responses: {
    200: json(clearedVoterSchema, 'The voter is cleared; a leaderboard recompute is requested'),
    ...errorResponses(400, 401, 404, 409),
  },
});
