import { createRoute } from '@hono/zod-openapi';
import { errorResponses, json } from '../responses';
import {
  battleRequestSchema,
  battleShownSchema,
  battleSchema,
  voteRequestSchema,
  voteResultSchema,
  voteUndoResultSchema,
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

export const markBattleShown = createRoute({
  method: 'post',
  path: '/api/battles/{id}/shown',
  summary: 'Say both answers are on screen',
  description:
    'For a battle whose images were fetched ahead of time (the next battle, prefetched during a reveal): the voter is looking at both answers from now on, and the minimum viewing time before a vote counts from here. It never starts earlier than the images were fetched. Bound to the voter who got the battle.',
  request: { params: uuidParams },
  responses: {
    200: json(battleShownSchema, 'Recorded'),
    ...errorResponses(400, 403, 404, 409, 410, 429),
  },
});

export const undoVote = createRoute({
  method: 'post',
  path: '/api/battles/{id}/vote/undo',
  summary: 'Take a vote back',
  description:
    "Within a few seconds of voting (the vote result's `undoUntil`), the voter who voted may take the vote back. Votes stay append-only: the undo is recorded as its own event, every leaderboard leaves the vote out, and its online rating changes are reversed. The battle cannot be voted on again (its models were revealed). 409 `already_undone`; 410 `undo_expired` after the window; 404 `vote_not_found` when the battle has no vote.",
  request: { params: uuidParams },
  responses: {
    200: json(voteUndoResultSchema, 'The vote, taken back'),
    ...errorResponses(400, 403, 404, 409, 410, 429),
  },
});
