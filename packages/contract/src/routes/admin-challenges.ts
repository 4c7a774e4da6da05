import { createRoute, z } from '@hono/zod-openapi';
import { OPERATOR_SECURITY } from '../openapi';
import { errorResponses, json, webpImage } from '../responses';
import {
  adminChallengeListSchema,
  adminChallengeQuery,
  adminGenerationSchema,
  disqualifyInput,
  fanOutSchema,
} from '../schemas/admin-challenges';
import { imageIdParams, uuidParams } from '../schemas/params';

/** Challenges in the operator console: the list, each fan-out, and its attempts. */

export const listAdminChallenges = createRoute({
  method: 'get',
  path: '/api/admin/challenges',
  summary: 'Challenges by status, drafts included, with their generation counts',
  security: OPERATOR_SECURITY,
  request: { query: adminChallengeQuery },
  responses: {
    200: json(adminChallengeListSchema, 'The challenges, newest first'),
    ...errorResponses(400, 401, 403),
  },
});

export const challengeGenerations = createRoute({
  method: 'get',
  path: '/api/admin/challenges/{id}/generations',
  summary: 'A fan-out: every model x attempt with status, provider, timings and errors',
  security: OPERATOR_SECURITY,
  request: { params: uuidParams },
  responses: {
    200: json(fanOutSchema, 'The challenge, its progress and its generations'),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const challengeEvents = createRoute({
  method: 'get',
  path: '/api/admin/challenges/{id}/events',
  summary: 'A fan-out live, as server-sent events',
  description:
    'Events, each with JSON data: `snapshot` (the fan-out, as the generations route answers) ' +
    'first, then `update` (the challenge, the progress and the generations that changed) ' +
    'whenever a generation changes, and `done` once nothing is pending or running, after ' +
    'which the stream ends. Comment lines keep the connection alive.',
  security: OPERATOR_SECURITY,
  request: { params: uuidParams },
  responses: {
    200: {
      description: 'An event stream',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const retryGeneration = createRoute({
  method: 'post',
  path: '/api/admin/generations/{id}/retry',
  summary: 'Run a failed generation again',
  security: OPERATOR_SECURITY,
  request: { params: uuidParams },
  responses: {
    202: json(adminGenerationSchema, 'The generation, pending again; its job is queued'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const disqualifyGeneration = createRoute({
  method: 'post',
  path: '/api/admin/generations/{id}/disqualify',
  summary: 'Disqualify an image: it leaves battles and the challenge results',
  security: OPERATOR_SECURITY,
  request: {
    params: uuidParams,
    body: { required: true, content: { 'application/json': { schema: disqualifyInput } } },
  },
  responses: {
    200: json(adminGenerationSchema, 'The generation, disqualified'),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

export const adminImage = createRoute({
  method: 'get',
  path: '/api/admin/images/{id}',
  summary: 'Any stored image (an answer or a source image), for operators',
  security: OPERATOR_SECURITY,
  request: { params: imageIdParams },
  responses: { 200: webpImage('The image'), ...errorResponses(401, 403, 404) },
});
