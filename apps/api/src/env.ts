import type { ApiHandlers, ApiRouteName } from '@arena/contract';
import type { Metrics, Readiness } from '@arena/runtime';
import type { ServiceContext, SessionOperator } from '@arena/services';
import type { Logger } from 'pino';
import type { NewVoterCheck } from './human-check/new-voter-check';
import type { RequestLimits } from './limits/request-limits';
import type { QueueBoard } from './queues/queue-board';

/** Per-request values the middleware sets for the routes. */
export interface AppEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    voterId: string;
    operatorId: string;
    /** Set with operatorId: the caller's role (admin or moderator). */
    operatorRole: 'admin' | 'moderator';
    /** The console session, when the request came with its cookie rather than a bearer token. */
    operatorSession: SessionOperator | undefined;
    /** The client's network as a keyed hash (limits/address-key.ts); null if unknown. */
    addressKey: string | null;
  };
}

/** What the API is built from; tests pass their own. */
export interface AppDeps {
  ctx: ServiceContext;
  /** Signs voter cookies. */
  sessionSecret: string;
  /** Built web UI to serve, if any. */
  webDir?: string;
  /** Believe X-Forwarded-Proto (behind a TLS-terminating proxy) when marking cookies Secure. */
  trustProxy?: boolean;
  /** Per-voter and per-address request limits; none when absent (tests of other things). */
  limits?: RequestLimits;
  /** Counts new voters per address when human checks are on; none when absent. */
  newVoterCheck?: NewVoterCheck;
  /** The process's Prometheus metrics (runtime.metrics); a registry of the app's own if absent. */
  metrics?: Metrics;
  /** What `/readyz` checks (runtime.readiness); the database alone when absent. */
  readiness?: Readiness;
  /** False once the process is shutting down, so that `/readyz` answers 503 meanwhile. */
  accepting?: () => boolean;
  /** METRICS_TOKEN: when set, `/metrics` wants it as a bearer token. */
  metricsToken?: string;
  /** Queue counts and, with BullMQ, bull-board (queues/queue-board.ts); main.ts makes one. */
  queueBoard?: QueueBoard;
  /** The level of the line per request: `info`, or `debug` in the embedded terminal. */
  requestLogLevel?: 'info' | 'debug';
}

/** Handlers for some routes of the contract; each route file provides its own. */
export type Handlers<K extends ApiRouteName> = Pick<ApiHandlers<AppEnv>, K>;
