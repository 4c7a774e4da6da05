import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import {
  ConfigError,
  createLogger,
  createRuntime,
  loadConfig,
  logOutput,
  resolveSessionSecret,
  routineLevel,
} from '@arena/runtime';
import { seedCatalogIfEmpty } from '@arena/services';
import { createApp } from './app';
import { createNewVoterCheck } from './human-check/new-voter-check';
import { createRequestLimits } from './limits/request-limits';
import { createBullMqQueueBoard } from './queues/queue-board';
import { drainServer, onStopSignals } from './shutdown';

/** The web UI built by `pnpm build` (apps/web/build), served when present. */
const BUILT_WEB = fileURLToPath(new URL('../../web/build', import.meta.url));

async function main() {
  const config = loadConfig();
  const format = config.ops.logFormat;
  // JSON: a line per request, written in blocks rather than with a system call each. Pretty
  // (embedded): short lines, and no line per request unless LOG_LEVEL=debug.
  const logger = createLogger(config.logLevel, 'arena-api', logOutput(format, true));
  // Without Redis the jobs run here (embedded mode); with it, apps/worker runs them.
  const runtime = await createRuntime({ config, logger, runJobs: !config.redisUrl });
  runtime.metrics.collectProcessMetrics();
  const sessionSecret = await resolveSessionSecret(config);
  let seededChallenges: number | undefined;
  if (config.seedCatalog) {
    const seeded = await seedCatalogIfEmpty(runtime.ctx, { catalogFile: config.catalogFile });
    if (seeded.seeded) {
      logger.info({ launched: seeded.launched }, 'demo catalog seeded');
      seededChallenges = seeded.launched;
    }
  }
  await runtime.startJobs();

  const webDir = config.webDir ?? (existsSync(BUILT_WEB) ? BUILT_WEB : undefined);
  if (!webDir) logger.warn('no web build found: serving the API only (run `pnpm build`)');
  const limits = createRequestLimits(config.limits, {
    redisUrl: config.redisUrl,
    prefix: config.queuePrefix,
  });
  const newVoterCheck =
    config.humanCheck.provider === 'off'
      ? undefined
      : createNewVoterCheck(config.humanCheck.newVotersPerAddress, {
          redisUrl: config.redisUrl,
          prefix: config.queuePrefix,
        });
  // With BullMQ, bull-board at /api/admin/queues; embedded, the in-process runner's counts.
  const queueBoard = config.redisUrl
    ? createBullMqQueueBoard({ redisUrl: config.redisUrl, prefix: config.queuePrefix })
    : undefined;
  let accepting = true;
  const app = createApp({
    ctx: runtime.ctx,
    sessionSecret,
    webDir,
    trustProxy: config.trustProxy,
    limits,
    newVoterCheck,
    queueBoard,
    metrics: runtime.metrics,
    readiness: runtime.readiness,
    accepting: () => accepting,
    metricsToken: config.ops.metricsToken,
    requestLogLevel: routineLevel(format),
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const host = info.address.includes(':') ? `[${info.address}]` : info.address;
    const mode = [
      runtime.database.driver === 'pglite' ? `PGlite in ${config.dataDir}` : 'Postgres',
      config.redisUrl ? 'BullMQ' : 'in-process jobs',
    ].join(', ');
    // The start-up summary, for a person at the terminal (and the line tests wait for).
    console.log(`\n  Arena is running at http://${host}:${info.port}  (${mode})`);
    if (format === 'pretty') {
      if (seededChallenges !== undefined) {
        console.log(`  Demo catalog seeded: ${seededChallenges} challenges are being generated`);
      }
      console.log('  Probes: /healthz /readyz · metrics: /metrics · more lines: LOG_LEVEL=info');
    }
    console.log('');
  }) as Server;

  // SIGTERM: /readyz turns 503, no new connection is taken, requests in flight finish (up to
  // SHUTDOWN_GRACE_MS), then the job runner, queue and database pools close, and exit 0.
  onStopSignals(async (signal) => {
    accepting = false;
    logger.info({ signal }, 'shutting down: finishing the requests in flight');
    await drainServer(server, config.shutdownGraceMs, logger);
    await limits.close();
    await newVoterCheck?.close();
    await queueBoard?.close();
    await runtime.close();
    logger.info('stopped');
  }, logger);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
