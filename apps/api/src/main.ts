import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import {
  bufferedStandardOutput,
  ConfigError,
  createLogger,
  createRuntime,
  loadConfig,
  resolveSessionSecret,
} from '@arena/runtime';
import { seedCatalogIfEmpty } from '@arena/services';
import { createApp } from './app';
import { createNewVoterCheck } from './human-check/new-voter-check';
import { createRequestLimits } from './limits/request-limits';

/** The web UI built by `pnpm build` (apps/web/build), served when present. */
const BUILT_WEB = fileURLToPath(new URL('../../web/build', import.meta.url));

async function main() {
  const config = loadConfig();
  // A line per request: written in blocks, not with a system call each.
  const logger = createLogger(config.logLevel, 'arena-api', bufferedStandardOutput());
  // Without Redis the jobs run here (embedded mode); with it, apps/worker runs them.
  const runtime = await createRuntime({ config, logger, runJobs: !config.redisUrl });
  const sessionSecret = await resolveSessionSecret(config);
  if (config.seedCatalog) {
    const seeded = await seedCatalogIfEmpty(runtime.ctx, { catalogFile: config.catalogFile });
    if (seeded.seeded) logger.info({ launched: seeded.launched }, 'demo catalog seeded');
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
  const app = createApp({
    ctx: runtime.ctx,
    sessionSecret,
    webDir,
    trustProxy: config.trustProxy,
    limits,
    newVoterCheck,
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const host = info.address.includes(':') ? `[${info.address}]` : info.address;
    const mode = [
      runtime.database.driver === 'pglite' ? `PGlite in ${config.dataDir}` : 'Postgres',
      config.redisUrl ? 'BullMQ' : 'in-process jobs',
    ].join(', ');
    console.log(`\n  Arena is running at http://${host}:${info.port}  (${mode})\n`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    await limits.close();
    await newVoterCheck?.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
