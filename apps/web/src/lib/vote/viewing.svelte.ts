export type Side = 'left' | 'right';

const both = () => ({ left: false, right: false });

/**
 * What the voter has actually seen of the battle on screen: each image loaded, failed, or shown
 * (loaded and inside the viewport), and the minimum viewing time that starts once both are
 * shown. Voting unlocks when that time has passed.
 */
export class Viewing {
  loaded = $state(both());
  broken = $state(both());
  /** Loaded and at least half inside the viewport at some moment: the voter has seen it. */
  shown = $state(both());
  /** performance.now() when both images were on screen; drives the unlock progress bar. */
  since = $state<number | null>(null);
  unlocked = $state(false);
  /** How long the current viewing wait lasts, for the same bar. */
  unlockMs = $state(0);
  #timer: ReturnType<typeof setTimeout> | undefined;

  readonly bothShown = $derived(
    this.shown.left && this.shown.right && !this.broken.left && !this.broken.right,
  );
  readonly anyBroken = $derived(this.broken.left || this.broken.right);

  reset(): void {
    this.stop();
    this.loaded = both();
    this.broken = both();
    this.shown = both();
    this.since = null;
    this.unlocked = false;
  }

  /** Starts (or restarts) the viewing wait; voting unlocks after `ms`. */
  unlockAfter(ms: number): void {
    clearTimeout(this.#timer);
    this.unlocked = false;
    this.since = performance.now();
    this.unlockMs = Math.max(0, ms);
    this.#timer = setTimeout(() => (this.unlocked = true), this.unlockMs);
  }

  stop(): void {
    clearTimeout(this.#timer);
  }
}
