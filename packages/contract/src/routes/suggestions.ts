import { createRoute } from '@hono/zod-openapi';
import { OPERATOR_SECURITY } from '../openapi';
import { errorResponses, json } from '../responses';
import { uuidParams } from '../schemas/params';
import {
  acceptedSuggestionSchema,
  acceptSuggestionInput,
  createdSuggestionSchema,
  rejectSuggestionInput,
  suggestionListQuery,
  suggestionRequestSchema,
  suggestionSchema,
  suggestionsSchema,
} from '../schemas/suggestions';

const jsonBody = <T>(schema: T, required = true) => ({
  required,
  content: { 'application/json': { schema } },
});

export const suggestChallenge = createRoute({
  method: 'post',
  path: '/api/suggestions',
  summary: 'Suggest a challenge',
  description:
    'A prompt for an arena (and optionally a category), from the voter of the session. It waits for an operator to accept it as a draft challenge or reject it. Limited per voter and per address.',
  request: { body: jsonBody(suggestionRequestSchema) },
  responses: {
    201: json(createdSuggestionSchema, 'The suggestion, waiting for an operator'),
    ...errorResponses(400, 403, 404, 413, 415, 429),
  },
});

export const listSuggestions = createRoute({
  method: 'get',
  path: '/api/admin/suggestions',
  summary: 'Suggestions by status, oldest first',
  security: OPERATOR_SECURITY,
  request: { query: suggestionListQuery },
  responses: {
    200: json(suggestionsSchema, 'The suggestions'),
    ...errorResponses(400, 401, 403),
  },
});

export const acceptSuggestion = createRoute({
  method: 'post',
  path: '/api/admin/suggestions/{id}/accept',
  summary: 'Accept a suggestion: it becomes a draft challenge',
  security: OPERATOR_SECURITY,
  request: { params: uuidParams, body: jsonBody(acceptSuggestionInput, false) },
  responses: {
    201: json(acceptedSuggestionSchema, 'The suggestion and its draft'),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

export const rejectSuggestion = createRoute({
  method: 'post',
  path: '/api/admin/suggestions/{id}/reject',
  summary: 'Reject a suggestion',
  security: OPERATOR_SECURITY,
  request: { params: uuidParams, body: jsonBody(rejectSuggestionInput, false) },
  responses: {
    200: json(suggestionSchema, 'The rejected suggestion'),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});
