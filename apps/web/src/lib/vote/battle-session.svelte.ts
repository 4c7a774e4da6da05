import type { HumanCheckChallenge, VoteResult } from '@arena/contract';
import type { VoteOutcome } from '@arena/core';
import { ApiError, castVote, isAbort, passHumanCheck, undoVote } from '$lib/api';
import { noticeFor } from '$lib/notices';
import { BattleFeed } from './battle-feed.svelte';
import { BATTLE_CLOSED_CODES, BATTLE_ENDED_CODES, humanCheckOf } from './refusals';
import { UndoWindow } from './undo-window.svelte';
import { battleClosedNotice, takenBackNotice, undoExpiredNotice } from './vote-notices';

export { RETRY_MS, type Phase } from './battle-feed.svelte';
export type { Side } from './viewing.svelte';

const TOO_EARLY_BACKOFF_MS = 1000;

/**
 * One voter's run of battles in one arena (and optionally one category): the vote, the human
 * check the server may ask for first, the reveal, and taking the vote back.
 */
export class BattleSession extends BattleFeed {
  result = $state<VoteResult | null>(null);
  choice = $state<VoteOutcome | null>(null);
  /** The check the server asked for before this vote counts; null when none is pending. */
  humanCheck = $state<HumanCheckChallenge | null>(null);
  /** A widget token is being verified. */
  verifying = $state(false);
  undoing = $state(false);
  readonly #undoWindow = new UndoWindow();

  readonly canVote = $derived(
    this.phase === 'viewing' && this.viewing.unlocked && this.viewing.bothShown,
  );

  /** The vote just cast may still be taken back (until the result's `undoUntil`). */
  get undoOpen(): boolean {
    return this.#undoWindow.isOpen;
  }

  /** performance.now() when the undo window closes, for its countdown. */
  get undoEndsAt(): number {
    return this.#undoWindow.endsAt;
  }

  async vote(outcome: VoteOutcome): Promise<void> {
    const battle = this.battle;
    if (!this.canVote || !battle) return;
    const generation = this.generation;
    this.phase = 'submitting';
    this.choice = outcome;
    this.showNotice(null);
    try {
      const result = await castVote(battle.id, outcome, { signal: this.controller?.signal });
      if (generation !== this.generation) return;
      clearTimeout(this.expiryTimer);
      this.result = result;
      this.phase = 'revealed';
      this.#undoWindow.open(result.undoUntil);
      this.prefetchNext();
    } catch (error) {
      if (isAbort(error) || generation !== this.generation) return;
      const code = error instanceof ApiError ? error.code : '';
      const check = error instanceof ApiError ? humanCheckOf(error) : null;
      if (code === 'human_check_required' && check) {
        // The battle stays open: the same vote is sent again once the check passes.
        this.humanCheck = check;
        this.phase = 'checking';
        return;
      }
      if (BATTLE_CLOSED_CODES.has(code)) {
        // Nothing the voter can do about it: move on to a fresh battle, saying why.
        void this.next({ notice: battleClosedNotice });
        return;
      }
      this.notice = noticeFor(error);
      if (code === 'too_early') {
        this.choice = null;
        this.phase = 'viewing';
        this.viewing.unlockAfter(TOO_EARLY_BACKOFF_MS);
      } else if (BATTLE_ENDED_CODES.has(code)) {
        clearTimeout(this.expiryTimer);
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
    const generation = this.generation;
    this.verifying = true;
    this.notice = null;
    try {
      await passHumanCheck(token, { signal: this.controller?.signal });
    } catch (error) {
      if (isAbort(error) || generation !== this.generation) return false;
      this.verifying = false;
      this.notice = noticeFor(error);
      return false;
    }
    if (generation !== this.generation) return false;
    this.verifying = false;
    this.humanCheck = null;
    this.phase = 'viewing';
    await this.vote(outcome);
    return true;
  }

  /**
   * Takes the vote just cast back, then moves on to the next battle (this one cannot be voted
   * on again: its models were revealed).
   */
  async undo(): Promise<void> {
    const result = this.result;
    if (this.phase !== 'revealed' || !result || !this.undoOpen || this.undoing) return;
    const generation = this.generation;
    this.undoing = true;
    try {
      await undoVote(result.battleId, { signal: this.controller?.signal });
    } catch (error) {
      if (isAbort(error) || generation !== this.generation) return;
      this.undoing = false;
      const code = error instanceof ApiError ? error.code : '';
      // Already taken back (a second tab, a retried request): just as good.
      if (code !== 'already_undone') {
        if (code === 'undo_expired') this.#undoWindow.close();
        this.notice = code === 'undo_expired' ? undoExpiredNotice : noticeFor(error);
        return;
      }
    }
    if (generation !== this.generation) return;
    await this.next({ notice: takenBackNotice });
  }

  protected override begin(): number {
    this.#undoWindow.close();
    return super.begin();
  }

  protected override reset(): void {
    super.reset();
    this.result = null;
    this.choice = null;
    this.humanCheck = null;
    this.verifying = false;
    this.undoing = false;
  }
}
