import { createRoute } from '@hono/zod-openapi';
import { OPERATOR_SECURITY } from '../openapi';
import { errorResponses, json } from '../responses';
import {
  generationVisibilitySchema,
  moderatedVoterSchema,
  voidedVoteSchema,
  voidedVoterVotesSchema,
  voidVotesInput,
  voterListQuery,
  voterReportSchema,
  voterSummariesSchema,
} from '../schemas/admin-moderation';
import { uuidParams } from '../schemas/params';

/** Moderation, for moderators and admins. Every write is audited and requests a recompute. */

const jsonBody = <T>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

// Generic in the action, so that each route keeps its literal path (the typed client's key).
const visibility = <A extends 'hide' | 'unhide'>(action: A, summary: string) =>
  createRoute({
    method: 'post',
    path: `/api/admin/moderation/generations/{id}/${action}` as const,
    summary,
    security: OPERATOR_SECURITY,
    request: { params: uuidParams },
    responses: {
      200: json(generationVisibilitySchema, 'The generation, as it is now'),
      ...errorResponses(400, 401, 403, 404),
    },
  });

export const hideGeneration = visibility(
  'hide',
  'Hide an image: never issued in new battles nor shown in galleries; past votes stay',
);
export const unhideGeneration = visibility('unhide', 'Show a hidden image again');

export const voidVote = createRoute({
  method: 'post',
  path: '/api/admin/moderation/votes/{id}/void',
  summary: 'Void a vote: it stays stored, and leaves every leaderboard and the open data',
  security: OPERATOR_SECURITY,
  request: { params: uuidParams, body: jsonBody(voidVotesInput) },
  responses: {
    200: json(voidedVoteSchema, 'The void (the earlier one if the vote was voided before)'),
    ...errorResponses(400, 401, 403, 404, 413, 415),
  },
});

export const voidVoterVotes = createRoute({
  method: 'post',
  path: '/api/admin/moderation/voters/{id}/void-votes',
  summary: 'Void every vote a voter has cast',
  security: OPERATOR_SECURITY,
  request: { params: uuidParams, body: jsonBody(voidVotesInput) },
  responses: {
    200: json(voidedVoterVotesSchema, 'How many votes were voided'),
    ...errorResponses(400, 401, 403, 404, 413, 415),
  },
});

const voterFlagRoute = <A extends 'flag' | 'unflag' | 'ban' | 'unban'>(
  action: A,
  summary: string,
) =>
  createRoute({
    method: 'post',
    path: `/api/admin/moderation/voters/{id}/${action}` as const,
    summary,
    security: OPERATOR_SECURITY,
    request: { params: uuidParams },
    responses: {
      200: json(moderatedVoterSchema, "The voter's flags now"),
      ...errorResponses(400, 401, 403, 404),
    },
  });

export const flagVoter = voterFlagRoute('flag', 'Flag a voter for a closer look');
export const unflagVoter = voterFlagRoute('unflag', "Remove a voter's flag");
export const banVoter = voterFlagRoute(
  'ban',
  'Ban a voter: 403 on new battles and votes, and their votes leave the leaderboards',
);
export const unbanVoter = voterFlagRoute('unban', 'Lift a ban: their votes return to the boards');

export const listModerationVoters = createRoute({
  method: 'get',
  path: '/api/admin/moderation/voters',
  summary: 'Voters, by flag and screening status, most recently seen first',
  security: OPERATOR_SECURITY,
  request: { query: voterListQuery },
  responses: {
    200: json(voterSummariesSchema, 'The voters'),
    ...errorResponses(400, 401, 403),
  },
});

export const voterReport = createRoute({
  method: 'get',
  path: '/api/admin/moderation/voters/{id}',
  summary: "A voter's report: votes, speed, agreement with the board, flags, screening",
  security: OPERATOR_SECURITY,
  request: { params: uuidParams },
  responses: {
    200: json(voterReportSchema, 'The report'),
    ...errorResponses(400, 401, 403, 404),
  },
});
