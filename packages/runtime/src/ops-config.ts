import { z } from 'zod';

/** Settings of running the arena: logs, probes and metrics (README: Operations). */
export const opsEnvSchema = z.object({
  /**
   * `json`: a JSON line per request and per job (production). `pretty`: short human lines,
   * request and job lines at debug only. Default: pretty in the embedded mode (no
   * DATABASE_URL), json otherwise.
   */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** `/readyz` wants a worker heartbeat seen within this window (production mode). */
  READY_WORKER_WINDOW_MS: z.coerce.number().int().min(1000).default(30_000),
  /** How often a worker writes its heartbeat; keep it well under READY_WORKER_WINDOW_MS. */
  WORKER_HEARTBEAT_MS: z.coerce.number().int().min(100).default(5_000),
  /** The worker's Prometheus listener (`/metrics`, `/healthz`) on HOST; 0 turns it off. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /** When set, `/metrics` (API and worker) answers only `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().min(16).optional(),
});

type OpsEnv = z.infer<typeof opsEnvSchema> & { DATABASE_URL?: string };

export function opsConfig(e: OpsEnv) {
  return {
    logFormat: e.LOG_FORMAT ?? (e.DATABASE_URL ? 'json' : 'pretty'),
    readyWorkerWindowMs: e.READY_WORKER_WINDOW_MS,
    workerHeartbeatMs: e.WORKER_HEARTBEAT_MS,
    metricsPort: e.METRICS_PORT,
    metricsToken: e.METRICS_TOKEN,
  };
}

export type OpsConfig = ReturnType<typeof opsConfig>;
