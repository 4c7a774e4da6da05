import { ConfigError } from '@arena/runtime';
import { runWorker, stopOnSignals } from './run-worker';

runWorker().then(stopOnSignals, (error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
