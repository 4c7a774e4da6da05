/** The undo window when the client's clock disagrees with the server's too much to trust. */
const NOMINAL_UNDO_MS = 10_000;

/**
 * The few seconds after a vote during which the voter may take it back (the vote result's
 * `undoUntil`). The server decides in the end: it answers 410 once the window has passed.
 */
export class UndoWindow {
  isOpen = $state(false);
  /** performance.now() when the window closes, for its countdown. */
  endsAt = $state(0);
  #timer: ReturnType<typeof setTimeout> | undefined;

  open(undoUntil: string): void {
    this.close();
    let remaining = Date.parse(undoUntil) - Date.now();
    // A client clock far ahead of the server's would never show the control, one far behind
    // would keep it forever: fall back to the usual length then.
    if (
      !Number.isFinite(remaining) ||
      remaining < -NOMINAL_UNDO_MS ||
      remaining > 6 * NOMINAL_UNDO_MS
    ) {
      remaining = NOMINAL_UNDO_MS;
    }
    if (remaining <= 0) return;
    this.isOpen = true;
    this.endsAt = performance.now() + remaining;
    this.#timer = setTimeout(() => (this.isOpen = false), remaining);
  }

  close(): void {
    clearTimeout(this.#timer);
    this.isOpen = false;
  }
}
