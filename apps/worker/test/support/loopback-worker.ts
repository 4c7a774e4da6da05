import { LOOPBACK_ADAPTER_OPTIONS } from '@arena/runtime/testing';
import { runWorker, stopOnSignals } from '../../src/run-worker';

/**
 * The production worker with one test-only difference: image URLs on the loopback fake
 * providers are allowed (plain http on 127.0.0.1), and polling is quick.
 */
const starting = runWorker({
  adapterOptions: { ...LOOPBACK_ADAPTER_OPTIONS, pollIntervalMs: 20, maxPollIntervalMs: 50 },
});
stopOnSignals(starting);
starting.catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
