import { createRoute } from '@hono/zod-openapi';
import { errorResponses, json } from '../responses';
import {
  battleRequestSchema,
  battleSchema,
  voteRequestSchema,
  voteResultSchema,
} from '../schemas/battles';
import { uuidParams } from '../schemas/params';

export const createBattle = createRoute({
  method: 'post',
  path: '/api/battles',
  summary: 'Get a new blind battle',
  description:
    'Two anonymous answers to one challenge, placed left/right at random. Nothing in the response names a model. 403 `voter_banned` for a voter an operator banned.',
  request: {
    body: { required: true, content: { 'application/json': { schema: battleRequestSchema } } },
  },
  responses: {
    201: json(battleSchema, 'A battle'),
    ...errorResponses(400, 403, 404, 413, 415, 429),
  },
});

export const vote = createRoute({
  method: 'post',
  path: '/api/battles/{id}/vote',
  summary: 'Vote on a battle',
  description:
    'Single use and bound to the voter who got the battle. Reveals both models and the rating changes. 403 `voter_banned` for a voter an operator banned; 403 `human_check_required` (details: provider and site key) when the voter must pass the human check first; the battle stays open for the vote to be sent again.',
  request: {
    params: uuidParams,
    body: { required: true, content: { 'application/json': { schema: voteRequestSchema } } },
  },
  responses: {
    200: json(voteResultSchema, 'The vote, revealed'),
    ...errorResponses(400, 403, 404, 409, 410, 413, 415, 425, 429),
  },
});
