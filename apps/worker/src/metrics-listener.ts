import {
  startMetricsServer,
  type AppConfig,
  type MetricsServer,
  type Runtime,
} from '@arena/runtime';

type Logger = Runtime['ctx']['logger'];

/**
 * The worker's Prometheus listener on HOST:METRICS_PORT (0: none). A port already taken (two
 * workers on one machine with the default) costs the metrics, not the worker: it warns and
 * runs on.
 */
export async function listenForMetrics(
  runtime: Runtime,
  config: AppConfig,
  logger: Logger,
): Promise<MetricsServer | undefined> {
  runtime.metrics.collectProcessMetrics();
  if (config.ops.metricsPort === 0) return undefined;
  try {
    const server = await startMetricsServer({
      metrics: runtime.metrics,
      host: config.host,
      port: config.ops.metricsPort,
      token: config.ops.metricsToken,
      logger,
    });
    logger.info({ port: server.port }, 'worker metrics at /metrics');
    return server;
  } catch (error) {
    logger.warn(
      { err: error, port: config.ops.metricsPort },
      'worker metrics listener not started (set METRICS_PORT to a free port, or 0)',
    );
    return undefined;
  }
}
