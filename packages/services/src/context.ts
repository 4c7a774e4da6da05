import type { Database } from '@arena/db';
import type { JobQueue, ProviderLimiter } from '@arena/jobs';
import type { ImageStore } from '@arena/storage';
import type { Logger } from 'pino';
import type { AppConfig } from './config/config';
import type { ProviderRegistry } from './generations/provider-registry';

/**
 * What every service receives. `db` may be a transaction: services that compose others pass
 * `{ ...ctx, db: tx }` down, so several verbs can share one transaction.
 */
export interface ServiceContext {
  db: Database;
  queue: JobQueue;
  store: ImageStore;
  providers: ProviderRegistry;
  /** Per-provider concurrency and rate limits, shared by every worker. */
  limiter: ProviderLimiter;
  config: AppConfig;
  logger: Logger;
  now: () => Date;
}
