import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, json } from '../responses';
import { healthSchema, readinessSchema } from '../schemas/health';

export const health = createRoute({
  method: 'get',
  path: '/api/health',
  summary: 'Ready when the database answers',
  responses: { 200: json(healthSchema, 'Ready'), ...errorResponses(503) },
});

/** For a liveness probe: answers while the process runs, whatever its dependencies. */
export const liveness = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'The process is alive (no dependency is checked)',
  responses: { 200: json(healthSchema, 'Alive') },
});

/**
 * For a readiness probe and alerting: the database, Redis (when configured) and a worker
 * heartbeat within READY_WORKER_WINDOW_MS (embedded: the in-process runner).
 */
export const readiness = createRoute({
  method: 'get',
  path: '/readyz',
  summary: 'Ready when the database, Redis and a worker answer',
  responses: {
    200: json(readinessSchema, 'Every check passed'),
    503: json(readinessSchema, 'A check failed, or the process is shutting down'),
  },
});

/** Prometheus exposition; with METRICS_TOKEN set, only for `Authorization: Bearer <token>`. */
export const metrics = createRoute({
  method: 'get',
  path: '/metrics',
  summary: 'Prometheus metrics of this API process',
  responses: {
    200: {
      description: 'Metrics in the Prometheus text format',
      content: { 'text/plain': { schema: z.string() } },
    },
    ...errorResponses(401),
  },
});
