import type { ReadinessReport } from '@arena/contract';
import { bearerMatches, errorDetail, type Readiness } from '@arena/runtime';
import { checkHealth, type ServiceContext } from '@arena/services';
import type { AppDeps, Handlers } from '../env';
import { errorBody } from '../errors';

/** Without the runtime's checks (tests of other things): the database alone. */
function databaseOnly(ctx: ServiceContext): Readiness {
  return {
    async check() {
      const started = performance.now();
      const ms = () => Math.round(performance.now() - started);
      try {
        await checkHealth(ctx);
        return [{ name: 'database', ok: true, ms: ms() }];
      } catch (error) {
        return [{ name: 'database', ok: false, ms: ms(), detail: errorDetail(error) }];
      }
    },
    async close() {},
  };
}

/**
 * The probes and metrics: `/api/health` (the database answers; 503 through the error mapping
 * when it does not), `/healthz` (alive), `/readyz` (every dependency, and not shutting down)
 * and `/metrics` (Prometheus; METRICS_TOKEN as a bearer token when configured).
 */
export function healthHandlers(
  deps: AppDeps,
): Handlers<'health' | 'liveness' | 'readiness' | 'metrics'> {
  const { ctx, metricsToken } = deps;
  const readiness = deps.readiness ?? databaseOnly(ctx);
  const accepting = deps.accepting ?? (() => true);
  return {
    health: async (c) => c.json(await checkHealth(ctx), 200),
    liveness: (c) => c.json({ status: 'ok' as const }, 200),
    readiness: async (c) => {
      const checks = await readiness.check();
      if (!accepting()) {
        checks.push({ name: 'accepting', ok: false, ms: 0, detail: 'shutting down' });
      }
      const ready = checks.every((check) => check.ok);
      const report: ReadinessReport = { status: ready ? 'ready' : 'unready', checks };
      c.header('Cache-Control', 'no-store');
      return ready ? c.json(report, 200) : c.json(report, 503);
    },
    metrics: async (c) => {
      if (!bearerMatches(c.req.header('authorization'), metricsToken)) {
        c.header('WWW-Authenticate', 'Bearer');
        return c.json(errorBody(c, 'unauthorized', 'a metrics token is required'), 401);
      }
      const { registry } = deps.metrics!;
      return c.text(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
    },
  };
}
