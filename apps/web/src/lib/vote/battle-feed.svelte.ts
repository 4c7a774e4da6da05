import type { Battle } from '@arena/contract';
import type { Arena } from '@arena/core';
import { ApiError, createBattle, isAbort, markBattleShown } from '$lib/api';
import { expiredNotice, imageFailedNotice, noticeFor, type Notice } from '$lib/notices';
import { isFresh, remainingMs } from './next-battle';
import { Prefetcher } from './prefetcher.svelte';
import { Viewing, type Side } from './viewing.svelte';
import { takenBackNotice } from './vote-notices';

/**
 * loading: fetching a battle · waiting: nothing open for voting yet, retrying · viewing: battle
 * on screen · submitting: vote in flight · checking: the vote waits for a human check ·
 * revealed: models shown · ended: this battle can no longer take a vote · failed: could not get
 * a battle at all.
 */
export type Phase =
  | 'idle'
  | 'loading'
  | 'waiting'
  | 'viewing'
  | 'submitting'
  | 'checking'
  | 'revealed'
  | 'ended'
  | 'failed';

export const RETRY_MS = 5000;
/** How long "Vote taken back" stays on the next battle. */
const TAKEN_BACK_NOTICE_MS = 5000;

/**
 * The battles put in front of one voter in one arena (and optionally one category): fetching
 * each (the prefetched one when it is ready), what of it has been seen, and when it expires.
 * BattleSession adds the voting.
 */
export class BattleFeed {
  phase = $state<Phase>('idle');
  battle = $state<Battle | null>(null);
  notice = $state<Notice | null>(null);
  readonly viewing = new Viewing();
  protected readonly prefetcher = new Prefetcher();

  #arena: Arena = 'text-to-image';
  #category: string | null = null;
  protected generation = 0;
  protected controller: AbortController | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  protected expiryTimer: ReturnType<typeof setTimeout> | undefined;
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;
  /** The battle on screen was prefetched: tell the server when it is actually shown. */
  #wasPrefetched = false;

  get arena(): Arena {
    return this.#arena;
  }

  get category(): string | null {
    return this.#category;
  }

  /** The next battle is issued and both its images decoded: "Next" will be instant. */
  get nextReady(): boolean {
    return this.prefetcher.ready;
  }

  start(arena: Arena, category: string | null): void {
    this.#arena = arena;
    this.#category = category;
    this.prefetcher.drop();
    void this.next();
  }

  /**
   * Shows the next battle: the prefetched one when it is still fresh (at once), otherwise a new
   * one. While waiting, retries quietly so the waiting card does not flicker. `notice` is shown
   * over the new battle (e.g. after an undo).
   */
  async next(options: { quiet?: boolean; notice?: Notice } = {}): Promise<void> {
    const generation = this.begin();
    const prefetch = this.prefetcher.take();
    this.reset();
    this.showNotice(options.notice ?? null);

    if (prefetch) {
      // Usually settled already; otherwise waiting for it beats issuing a second battle.
      let prefetched = prefetch.value;
      if (prefetched === undefined) {
        this.phase = 'loading';
        this.battle = null;
        prefetched = await prefetch.promise;
        if (generation !== this.generation) return;
      }
      if (prefetched && isFresh(prefetched)) {
        return this.#display(prefetched.battle, generation, prefetched.receivedAt);
      }
    }

    if (!options.quiet) {
      this.phase = 'loading';
      this.battle = null;
    }
    try {
      const battle = await createBattle(this.#scope(), { signal: this.controller?.signal });
      if (generation !== this.generation) return;
      this.#display(battle, generation, null);
    } catch (error) {
      if (isAbort(error) || generation !== this.generation) return;
      this.battle = null;
      if (error instanceof ApiError && error.code === 'no_battle_available') {
        this.phase = 'waiting';
        this.#retryTimer = setTimeout(() => this.#retry(generation), RETRY_MS);
        return;
      }
      this.notice = noticeFor(error);
      this.phase = 'failed';
    }
  }

  imageLoaded(side: Side): void {
    const battle = this.battle;
    const { loaded } = this.viewing;
    if (loaded[side] || !battle) return;
    loaded[side] = true;
    if (!loaded.left || !loaded.right) return;
    // Measured by the tests and the benchmark: from "Next" to both images on screen.
    requestAnimationFrame(() =>
      setTimeout(() => performance.mark('arena:battle-shown', { detail: { battleId: battle.id } })),
    );
  }

  /** The image is loaded and inside the viewport; the viewing clock starts once both are. */
  imageShown(side: Side): void {
    const battle = this.battle;
    const { shown } = this.viewing;
    if (shown[side] || !battle || this.phase !== 'viewing') return;
    shown[side] = true;
    if (!shown.left || !shown.right || this.viewing.since !== null) return;
    if (!this.#wasPrefetched) {
      this.viewing.unlockAfter(battle.minViewMs);
      return;
    }
    // Its images were fetched long ago: the server counts the viewing time from its record of
    // this moment instead. The clock here starts once the server has it, so a vote is never
    // early by the request's own delay.
    const generation = this.generation;
    const unlock = () => {
      if (generation === this.generation) this.viewing.unlockAfter(battle.minViewMs);
    };
    markBattleShown(battle.id, { signal: this.controller?.signal }).then(unlock, unlock);
  }

  imageFailed(side: Side): void {
    this.viewing.broken[side] = true;
    if (this.phase === 'viewing') this.notice = imageFailedNotice;
  }

  dispose(): void {
    this.begin();
    this.prefetcher.drop();
    clearTimeout(this.#noticeTimer);
  }

  /** Prepares the battle after this one while the voter looks at the reveal. */
  protected prefetchNext(): void {
    this.prefetcher.start(this.#scope());
  }

  /** Invalidates whatever is in flight and clears every timer; returns the new generation. */
  protected begin(): number {
    this.controller?.abort();
    this.controller = new AbortController();
    this.viewing.stop();
    clearTimeout(this.#retryTimer);
    clearTimeout(this.expiryTimer);
    return ++this.generation;
  }

  /** Back to a blank slate for the next battle (the battle on screen stays until replaced). */
  protected reset(): void {
    this.viewing.reset();
    this.#wasPrefetched = false;
  }

  /** A notice; the "taken back" one fades by itself, as it needs nothing from the voter. */
  protected showNotice(notice: Notice | null): void {
    clearTimeout(this.#noticeTimer);
    this.notice = notice;
    if (notice !== takenBackNotice) return;
    this.#noticeTimer = setTimeout(() => {
      if (this.notice === notice) this.notice = null;
    }, TAKEN_BACK_NOTICE_MS);
  }

  #scope() {
    return { arena: this.#arena, category: this.#category };
  }

  /** `receivedAt`: when a prefetched battle arrived (its time-to-live runs from there). */
  #display(battle: Battle, generation: number, receivedAt: number | null): void {
    this.battle = battle;
    this.#wasPrefetched = receivedAt !== null;
    this.phase = 'viewing';
    this.#watchExpiry(remainingMs(battle, receivedAt ?? performance.now()), generation);
  }

  #retry(generation: number): void {
    if (generation !== this.generation) return;
    // No point polling from a background tab; check again when it would be seen.
    if (typeof document !== 'undefined' && document.hidden) {
      this.#retryTimer = setTimeout(() => this.#retry(generation), RETRY_MS);
      return;
    }
    void this.next({ quiet: true });
  }

  #watchExpiry(ms: number | null, generation: number): void {
    if (ms === null) return;
    this.expiryTimer = setTimeout(() => {
      if (generation !== this.generation || this.phase !== 'viewing') return;
      this.notice = expiredNotice;
      this.phase = 'ended';
    }, ms);
  }
}
