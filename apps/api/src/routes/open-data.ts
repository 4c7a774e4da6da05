import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, exportSalt, exportVotes } from '@arena/services';
import { createRoute, z } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import type { AppDeps } from '../env';
import { createRouter } from './router';
import { errorResponses } from './schemas';

const exportRoute = createRoute({
  method: 'get',
  path: '/votes/export',
  summary: 'Every counted vote, as JSON lines or CSV (open data)',
  description:
    'Streamed, oldest first. `model_a` was shown on the left; `outcome` is model_a, model_b, tie or both_bad; ' +
    '`voter` is a keyed hash, never the voter id; `challenge` is null until the challenge closes. ' +
    '`pnpm arena leaderboard --votes FILE` recomputes the published leaderboards from it.',
  request: { query: z.object({ format: z.enum(EXPORT_FORMATS).default('jsonl') }) },
  responses: {
    200: {
      description: 'The votes',
      content: {
        'application/x-ndjson': { schema: z.string() },
        'text/csv': { schema: z.string() },
      },
    },
    ...errorResponses(400),
  },
});

export function openDataRoutes({ ctx, sessionSecret }: AppDeps) {
  const router = createRouter();
  const salt = exportSalt(ctx, { sessionSecret });
  router.openapi(exportRoute, (c) => {
    const { format } = c.req.valid('query');
    c.header('Content-Type', EXPORT_CONTENT_TYPES[format]);
    c.header('Content-Disposition', `attachment; filename="arena-votes.${format}"`);
    // A full read of the votes: let caches in front of the API absorb repeated downloads.
    c.header('Cache-Control', 'public, max-age=300');
    return stream(c, async (out) => {
      for await (const chunk of exportVotes(ctx, { format, salt })) await out.write(chunk);
    });
  });
  return router;
}
