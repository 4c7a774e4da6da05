import {
  closeChallenge,
  createChallenge,
  createChallengeInput,
  launchChallenge,
} from '@arena/services';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../env';
import { operatorAuth } from '../middleware/operator-auth';
import { createRouter } from './router';
import { errorResponses, json } from './schemas';

const security = [{ operatorToken: [] }];

const create = createRoute({
  method: 'post',
  path: '/admin/challenges',
  summary: 'Add a draft challenge',
  security,
  request: {
    body: { required: true, content: { 'application/json': { schema: createChallengeInput } } },
  },
  responses: {
    201: json(
      z.object({ id: z.string(), slug: z.string(), status: z.string() }),
      'The draft challenge',
    ),
    ...errorResponses(400, 401, 404, 409),
  },
});

const launch = createRoute({
  method: 'post',
  path: '/admin/challenges/{id}/launch',
  summary: 'Fan a challenge out to every active model of its arena, three attempts each',
  security,
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    202: json(
      z.object({
        challengeId: z.string(),
        models: z.number().int(),
        generations: z.number().int(),
      }),
      'Generation has started',
    ),
    ...errorResponses(400, 401, 404, 409),
  },
});

const close = createRoute({
  method: 'post',
  path: '/admin/challenges/{id}/close',
  summary: 'Close a challenge: no more battles or votes, and its results become public',
  security,
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    200: json(
      z.object({
        challengeId: z.string(),
        slug: z.string(),
        status: z.literal('closed'),
        closedAt: z.string(),
      }),
      'The challenge is closed',
    ),
    ...errorResponses(400, 401, 404, 409),
  },
});

/** Operator endpoints, behind a bearer token. */
export function adminRoutes({ ctx }: AppDeps) {
  const router = createRouter();
  router.use('/admin/*', operatorAuth(ctx));
  router.openapi(create, async (c) =>
    c.json(
      await createChallenge(ctx, {
        operatorId: c.get('operatorId'),
        challenge: c.req.valid('json'),
      }),
      201,
    ),
  );
  router.openapi(launch, async (c) =>
    c.json(await launchChallenge(ctx, { challengeId: c.req.valid('param').id }), 202),
  );
  router.openapi(close, async (c) =>
    c.json(
      await closeChallenge(ctx, {
        challengeId: c.req.valid('param').id,
        operatorId: c.get('operatorId'),
      }),
      200,
    ),
  );
  return router;
}
