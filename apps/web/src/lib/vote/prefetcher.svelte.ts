import type { Arena } from '@arena/core';
import { prefetchBattle, type PrefetchedBattle } from './next-battle';

/** The next battle being prepared; `value` once settled (null: none could be had). */
export interface PendingPrefetch {
  promise: Promise<PrefetchedBattle | null>;
  value?: PrefetchedBattle | null;
}

/** Prepares one next battle at a time while the voter looks at a reveal. */
export class Prefetcher {
  /** The next battle is issued and both its images decoded: "Next" will be instant. */
  ready = $state(false);
  #pending: PendingPrefetch | null = null;
  #controller: AbortController | null = null;

  start(scope: { arena: Arena; category: string | null }): void {
    if (this.#pending) return;
    this.#controller = new AbortController();
    const pending: PendingPrefetch = { promise: prefetchBattle(scope, this.#controller.signal) };
    this.#pending = pending;
    void pending.promise.then(async (value) => {
      pending.value = value;
      if (!value || !(await value.ready)) return;
      if (this.#pending === pending) this.ready = true;
    });
  }

  /** Hands the prepared battle over (it is shown, or found stale): the next one starts anew. */
  take(): PendingPrefetch | null {
    const pending = this.#pending;
    this.#pending = null;
    this.#controller = null;
    this.ready = false;
    return pending;
  }

  /** Gives up on what is being prepared (the arena or category changed, the page closed). */
  drop(): void {
    this.#controller?.abort();
    this.take();
  }
}
