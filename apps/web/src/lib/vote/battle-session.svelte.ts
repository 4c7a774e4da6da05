import type { Battle, HumanCheckChallenge, VoteResult } from '@arena/contract';
import type { Arena, VoteOutcome } from '@arena/core';
import { ApiError, castVote, createBattle, isAbort, passHumanCheck } from '$lib/api';
import { expiredNotice, imageFailedNotice, noticeFor, type Notice } from '$lib/notices';

export type Side = 'left' | 'right';

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

/** The `details` of a `human_check_required` refusal, when they are what the UI expects. */
function humanCheckOf(error: ApiError): HumanCheckChallenge | null {
  const details = error.details as Partial<HumanCheckChallenge> | null | undefined;
  if (!details || typeof details.siteKey !== 'string') return null;
  if (details.provider !== 'turnstile' && details.provider !== 'hcaptcha') return null;
  return { provider: details.provider, siteKey: details.siteKey };
}

export const RETRY_MS = 5000;
const TOO_EARLY_BACKOFF_MS = 1000;
// setTimeout fires at once for delays past 2^31 - 1 ms.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** One voter's run of battles in one arena (and optionally one category). */
export class BattleSession {
  phase = $state<Phase>('idle');
  battle = $state<Battle | null>(null);
  result = $state<VoteResult | null>(null);
  choice = $state<VoteOutcome | null>(null);
  notice = $state<Notice | null>(null);
  loaded = $state({ left: false, right: false });
  broken = $state({ left: false, right: false });
  /** performance.now() when both images were on screen; drives the unlock progress bar. */
  viewingSince = $state<number | null>(null);
  unlocked = $state(false);
  /** How long the current viewing wait lasts, for the same bar. */
  unlockMs = $state(0);
  /** The check the server asked for before this vote counts; null when none is pending. */
  humanCheck = $state<HumanCheckChallenge | null>(null);
  /** A widget token is being verified. */
  verifying = $state(false);

  readonly canVote = $derived(
    this.phase === 'viewing' &&
      this.unlocked &&
      this.loaded.left &&
      this.loaded.right &&
      !this.broken.left &&
      !this.broken.right,
  );

  #arena: Arena = 'text-to-image';
  #category: string | null = null;
  #generation = 0;
  #controller: AbortController | null = null;
  #unlockTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #expiryTimer: ReturnType<typeof setTimeout> | undefined;

  get arena(): Arena {
    return this.#arena;
  }

  get category(): string | null {
    return this.#category;
  }

  start(arena: Arena, category: string | null): void {
    this.#arena = arena;
    this.#category = category;
    void this.next();
  }

  /** Fetches a new battle. While waiting, retries quietly so the waiting card does not flicker. */
  async next(options: { quiet?: boolean } = {}): Promise<void> {
    const generation = this.#begin();
    if (!options.quiet) {
      this.phase = 'loading';
      this.battle = null;
      this.notice = null;
    }
    this.result = null;
    this.choice = null;
    this.humanCheck = null;
    this.verifying = false;
    this.loaded = { left: false, right: false };
    this.broken = { left: false, right: false };
    this.viewingSince = null;
    this.unlocked = false;

    try {
      const battle = await createBattle(
        { arena: this.#arena, category: this.#category },
        { signal: this.#controller?.signal },
      );
      if (generation !== this.#generation) return;
      this.battle = battle;
      this.notice = null;
      this.phase = 'viewing';
      this.#watchExpiry(battle, generation);
    } catch (error) {
      if (isAbort(error) || generation !== this.#generation) return;
      if (error instanceof ApiError && error.code === 'no_battle_available') {
        this.battle = null;
        this.notice = null;
        this.phase = 'waiting';
        this.#retryTimer = setTimeout(() => this.#retry(generation), RETRY_MS);
        return;
      }
      this.battle = null;
      this.notice = noticeFor(error);
      this.phase = 'failed';
    }
  }

  imageLoaded(side: Side): void {
    this.loaded[side] = true;
    if (!this.loaded.left || !this.loaded.right || this.viewingSince !== null) return;
    this.viewingSince = performance.now();
    this.#unlockAfter(this.battle?.minViewMs ?? 0);
  }

  imageFailed(side: Side): void {
    this.broken[side] = true;
    if (this.phase === 'viewing') this.notice = imageFailedNotice;
  }

  async vote(outcome: VoteOutcome): Promise<void> {
    const battle = this.battle;
    if (!this.canVote || !battle) return;
    const generation = this.#generation;
    this.phase = 'submitting';
    this.choice = outcome;
    this.notice = null;
    try {
      const result = await castVote(battle.id, outcome, { signal: this.#controller?.signal });
      if (generation !== this.#generation) return;
      clearTimeout(this.#expiryTimer);
      this.result = result;
      this.phase = 'revealed';
    } catch (error) {
      if (isAbort(error) || generation !== this.#generation) return;
      const code = error instanceof ApiError ? error.code : '';
      const check = error instanceof ApiError ? humanCheckOf(error) : null;
      if (code === 'human_check_required' && check) {
        // The battle stays open: the same vote is sent again once the check passes.
        this.humanCheck = check;
        this.phase = 'checking';
        return;
      }
      this.notice = noticeFor(error);
      if (code === 'too_early') {
        this.choice = null;
        this.phase = 'viewing';
        this.unlocked = false;
        this.viewingSince = performance.now();
        this.#unlockAfter(TOO_EARLY_BACKOFF_MS);
      } else if (
        ['already_voted', 'battle_expired', 'battle_not_yours', 'battle_not_found'].includes(code)
      ) {
        clearTimeout(this.#expiryTimer);
        this.phase = 'ended';
      } else {
        // Transient (network, 5xx): keep the battle so the voter can simply vote again.
        this.choice = null;
        this.phase = 'viewing';
      }
    }
  }

  /**
   * Sends the widget's token and, once it passes, the vote the check held back. False when the
   * token was refused (the widget then needs a fresh one).
   */
  async passHumanCheck(token: string): Promise<boolean> {
    const outcome = this.choice;
    if (this.phase !== 'checking' || !outcome || this.verifying) return false;
    const generation = this.#generation;
    this.verifying = true;
    this.notice = null;
    try {
      await passHumanCheck(token, { signal: this.#controller?.signal });
    } catch (error) {
      if (isAbort(error) || generation !== this.#generation) return false;
      this.verifying = false;
      this.notice = noticeFor(error);
      return false;
    }
    if (generation !== this.#generation) return false;
    this.verifying = false;
    this.humanCheck = null;
    this.phase = 'viewing';
    await this.vote(outcome);
    return true;
  }

  dispose(): void {
    this.#begin();
  }

  /** Invalidates whatever is in flight and clears every timer; returns the new generation. */
  #begin(): number {
    this.#controller?.abort();
    this.#controller = new AbortController();
    clearTimeout(this.#unlockTimer);
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#expiryTimer);
    return ++this.#generation;
  }

  #retry(generation: number): void {
    if (generation !== this.#generation) return;
    // No point polling from a background tab; check again when it would be seen.
    if (typeof document !== 'undefined' && document.hidden) {
      this.#retryTimer = setTimeout(() => this.#retry(generation), RETRY_MS);
      return;
    }
    void this.next({ quiet: true });
  }

  #unlockAfter(ms: number): void {
    clearTimeout(this.#unlockTimer);
    this.unlockMs = Math.max(0, ms);
    this.#unlockTimer = setTimeout(() => (this.unlocked = true), Math.max(0, ms));
  }

  /** Uses the server's time-to-live rather than its clock, so a skewed client clock is harmless. */
  #watchExpiry(battle: Battle, generation: number): void {
    const ttl = Date.parse(battle.expiresAt) - Date.parse(battle.issuedAt);
    if (!Number.isFinite(ttl) || ttl <= 0 || ttl > MAX_TIMEOUT_MS) return;
    this.#expiryTimer = setTimeout(() => {
      if (generation !== this.#generation || this.phase !== 'viewing') return;
      this.notice = expiredNotice;
      this.phase = 'ended';
    }, ttl);
  }
}
