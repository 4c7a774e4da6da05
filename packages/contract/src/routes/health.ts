import { createRoute } from '@hono/zod-openapi';
import { json } from '../responses';
import { healthSchema } from '../schemas/health';

export const health = createRoute({
  method: 'get',
  path: '/api/health',
  summary: 'Ready when the database answers',
  responses: { 200: json(healthSchema, 'Ready') },
});
