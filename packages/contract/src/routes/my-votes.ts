import { createRoute } from '@hono/zod-openapi';
import { errorResponses, json } from '../responses';
import { myLeaderboardQuery, myLeaderboardSchema } from '../schemas/my-votes';

export const myLeaderboard = createRoute({
  method: 'get',
  path: '/api/me/leaderboard',
  summary: 'Your own leaderboard in an arena',
  description:
    "For the voter of the session cookie: after enough counted votes in the arena (`required`), a Bradley-Terry leaderboard fitted from that voter's votes alone (with a prior that keeps it steady on few votes), each model beside its public rating and rank, and how far the two orders agree. Before that, the number of votes so far. Undone and voided votes do not count. Never cached. Without a voter cookie the answer is that of a voter with no votes.",
  request: { query: myLeaderboardQuery },
  responses: {
    200: json(myLeaderboardSchema, 'Your leaderboard'),
    ...errorResponses(400),
  },
});
