import type { Server } from 'node:http';
import type { Logger } from 'pino';

/** How often idle keep-alive connections are closed while draining. */
const IDLE_SWEEP_MS = 100;

/**
 * Stops taking connections and lets the requests in flight finish: resolves once every
 * connection has closed, or after `graceMs`, when those still open are cut. Keep-alive
 * connections are closed as soon as they are idle (a finished response's connection would
 * otherwise wait out its keep-alive timeout).
 */
export async function drainServer(server: Server, graceMs: number, logger: Logger): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      logger.warn({ graceMs }, 'requests still in flight at the shutdown deadline: closing them');
      server.closeAllConnections();
      resolve();
    }, graceMs);
  });
  try {
    await Promise.race([closed, deadline]);
  } finally {
    clearInterval(sweep);
    clearTimeout(timer);
  }
}

/**
 * Runs `stop` once on the first SIGTERM or SIGINT (a second signal while stopping changes
 * nothing: the deadline bounds the wait), then exits 0; a failure while stopping exits 1.
 */
export function onStopSignals(stop: (signal: string) => Promise<void>, logger: Logger): void {
  let stopping = false;
  const handle = (signal: string) => {
    if (stopping) return;
    stopping = true;
    stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => handle('SIGINT'));
  process.on('SIGTERM', () => handle('SIGTERM'));
}
