import type { VoteOutcome } from '@arena/core';

export const VOTE_KEYS: Readonly<Record<string, VoteOutcome>> = {
  '1': 'left',
  ArrowLeft: 'left',
  '2': 'right',
  ArrowRight: 'right',
  '3': 'tie',
  '4': 'both_bad',
};

export const NEXT_KEYS: ReadonlySet<string> = new Set(['Enter', ' ', 'n', 'N']);

/** Typing in a field or using a modifier combination is never a shortcut. */
export function isShortcutEvent(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.isComposing) return false;
  if (event.altKey || event.ctrlKey || event.metaKey) return false;
  const target = event.target instanceof Element ? event.target : null;
  return !target?.closest('input, select, textarea, [contenteditable], dialog');
}

/** Enter and Space on a focused control already activate it; do not handle them twice. */
export function isOnControl(event: KeyboardEvent): boolean {
  const target = event.target instanceof Element ? event.target : null;
  return target?.closest('button, a, summary, [role="button"]') != null;
}

/** Take the vote just cast back, while the reveal offers it. */
export const UNDO_KEYS: ReadonlySet<string> = new Set(['u', 'U', 'Backspace']);
