import { ConfigError } from '@arena/runtime';
import { runWorker, stopOnSignals } from './run-worker';

const starting = runWorker();
stopOnSignals(starting);
starting.catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
