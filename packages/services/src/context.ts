import type { Database, providers } from '@arena/db';
import type { JobQueue, ProviderLimiter } from '@arena/jobs';
import type { ProviderAdapter } from '@arena/providers';
import type { ImageStore } from '@arena/storage';
import type { Logger } from 'pino';

/** The settings operations read; the runtime parses them from the environment. */
export interface ServiceConfig {
  /** K factor of the online Elo applied with every vote. */
  eloK: number;
  battleTtlMs: number;
  /** A vote sooner than this after the voter fetched the second image is refused. */
  minViewMs: number;
  /** How long after voting the voter may take the vote back; 10 s when unset. */
  voteUndoMs?: number;
  /** Battles a voter may hold unvoted; issuing one more expires the oldest. */
  maxOpenBattles: number;
  /** Deadline of one provider call, downloads included. */
  generationTimeoutMs: number;
  /**
   * A worker's claim on a generation lasts this long unless renewed (every third of it) while
   * its provider call runs; 15 s when unset.
   */
  workerLeaseMs?: number;
  leaderboard: {
    bootstrapRounds: number;
    debounceMs: number;
    historyIntervalMs: number;
    provisionalVotes: number;
  };
  /** Key of the voter-id hash in vote exports; derived from the session secret when unset. */
  exportSalt?: string;
  /** Screening of voters and networks in the recompute; on with the core defaults if absent. */
  screening?: { enabled: boolean; alpha: number; minVotes: number };
  /** A voter passes a human check every this many votes (when `ServiceContext.humanCheck` is set). */
  humanCheck?: { afterVotes: number };
}

export type ProviderRow = typeof providers.$inferSelect;

export type AdapterLookup = { adapter: ProviderAdapter } | { unavailable: string };

/**
 * Turns a provider row into a ready adapter, or says why none is available (disabled, key not
 * set). The runtime implements it; keys never pass through the database or the queue.
 */
export interface ProviderRegistry {
  lookup(provider: ProviderRow): AdapterLookup;
}

/** What a provider's siteverify said of a widget's token. */
export type HumanVerdict =
  | { success: true; hostname?: string; challengeTs?: string }
  | { success: false; errorCodes: string[] };

/**
 * The human-check provider (Turnstile, hCaptcha): what the browser needs to show its widget,
 * and the server-side verification of the token the widget hands out. The runtime implements
 * it; the secret stays there. Throws an `unavailable` error when the provider cannot be asked,
 * which never counts as a pass.
 */
export interface HumanVerifier {
  readonly provider: 'turnstile' | 'hcaptcha';
  readonly siteKey: string;
  verify(input: { token: string; remoteIp?: string }): Promise<HumanVerdict>;
}

/**
 * What every operation receives; each declares the part it needs with `Pick`. `db` may be a
 * transaction: operations that compose others pass `{ ...ctx, db: tx }` down, so several
 * operations can share one transaction.
 */
export interface ServiceContext {
  db: Database;
  queue: JobQueue;
  store: ImageStore;
  providers: ProviderRegistry;
  /** Per-provider concurrency and rate limits, shared by every worker. */
  limiter: ProviderLimiter;
  config: ServiceConfig;
  /** Absent when human checks are off: then nothing asks for one. */
  humanCheck?: HumanVerifier;
  logger: Logger;
  now: () => Date;
  /** This process in generation leases; the runtime names it (one id per process when unset). */
  workerId?: string;
}
