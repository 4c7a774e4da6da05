import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from '../responses';
import { exportQuery } from '../schemas/params';

export const exportVotes = createRoute({
  method: 'get',
  path: '/api/votes/export',
  summary: 'Every counted vote, as JSON lines or CSV (open data)',
  description:
    'Streamed, oldest first. `model_a` was shown on the left; `outcome` is model_a, model_b, tie or both_bad; ' +
    '`voter` is a keyed hash, never the voter id; `challenge` is null until the challenge closes. ' +
    '`pnpm arena leaderboard --votes FILE` recomputes the published leaderboards from it.',
  request: { query: exportQuery },
  responses: {
    200: {
      description: 'The votes',
      content: {
        'application/x-ndjson': { schema: z.string() },
        'text/csv': { schema: z.string() },
      },
    },
    ...errorResponses(400, 429),
  },
});
