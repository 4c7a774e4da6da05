import {
  battleRequestSchema,
  battleSchema,
  voteRequestSchema,
  voteResultSchema,
} from '@arena/core';
import { issueBattle, recordVote } from '@arena/services';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../env';
import { voterSession } from '../middleware/voter';
import { createRouter } from './router';
import { errorResponses, json } from './schemas';

const createBattle = createRoute({
  method: 'post',
  path: '/battles',
  summary: 'Get a new blind battle',
  description:
    'Two anonymous answers to one challenge, placed left/right at random. Nothing in the response names a model.',
  request: {
    body: { required: true, content: { 'application/json': { schema: battleRequestSchema } } },
  },
  responses: { 201: json(battleSchema, 'A battle'), ...errorResponses(400, 404) },
});

const vote = createRoute({
  method: 'post',
  path: '/battles/{id}/vote',
  summary: 'Vote on a battle',
  description:
    'Single use and bound to the voter who got the battle. Reveals both models and the rating changes.',
  request: {
    params: z.object({ id: z.uuid() }),
    body: { required: true, content: { 'application/json': { schema: voteRequestSchema } } },
  },
  responses: {
    200: json(voteResultSchema, 'The vote, revealed'),
    ...errorResponses(400, 403, 404, 409, 410, 425),
  },
});

export function battleRoutes({ ctx, sessionSecret, trustProxy }: AppDeps) {
  const router = createRouter();
  // `/battles/*` also matches `/battles` itself.
  router.use('/battles/*', voterSession(ctx, { secret: sessionSecret, trustProxy }));
  router.openapi(createBattle, async (c) => {
    const body = c.req.valid('json');
    const battle = await issueBattle(ctx, {
      voterId: c.get('voterId'),
      arena: body.arena,
      category: body.category,
    });
    c.header('Cache-Control', 'no-store');
    return c.json(battle, 201);
  });
  router.openapi(vote, async (c) => {
    const result = await recordVote(ctx, {
      battleId: c.req.valid('param').id,
      voterId: c.get('voterId'),
      outcome: c.req.valid('json').outcome,
    });
    c.header('Cache-Control', 'no-store');
    return c.json(result, 200);
  });
  return router;
}
