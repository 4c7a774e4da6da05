import type { ApiHandlers, ApiRouteName } from '@arena/contract';
import type { ServiceContext } from '@arena/services';
import type { Logger } from 'pino';
import type { NewVoterCheck } from './human-check/new-voter-check';
import type { RequestLimits } from './limits/request-limits';

/** Per-request values the middleware sets for the routes. */
export interface AppEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    voterId: string;
    operatorId: string;
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
}

/** Handlers for some routes of the contract; each route file provides its own. */
export type Handlers<K extends ApiRouteName> = Pick<ApiHandlers<AppEnv>, K>;
