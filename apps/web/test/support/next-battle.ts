import { measureNextBattle as measureWithSteps } from '@arena/testing';
import type { Page } from 'playwright-core';

export { battleOnScreen } from '@arena/testing';

/** How long to wait for a battle to unlock. */
const STEP_TIMEOUT_MS = 30_000;

/**
 * Waits until the battle on screen takes a vote (both images shown, viewing time passed). The
 * first battle of a fresh arena may wait longer: its images are the first the process renders,
 * beside the demo's fan-out, on a machine the other browser tests load too.
 */
export async function waitForVoteUnlocked(page: Page, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
  await page.waitForFunction(
    () => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="vote-left"]');
      return button !== null && !button.disabled;
    },
    undefined,
    { timeout: timeoutMs },
  );
}

/** Waits for the reveal; a failure says what the page showed instead. */
export async function waitForReveal(page: Page): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const shown = await page.evaluate(() => {
      const reveal = document.querySelector('[data-testid="reveal"]');
      return reveal !== null && reveal.getBoundingClientRect().height > 0;
    });
    if (shown) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const bar = await page.evaluate(
    () => document.querySelector<HTMLElement>('[data-testid="vote-actions"]')?.innerText ?? '',
  );
  throw new Error(`no reveal within 15 s; the vote bar shows: ${bar}`);
}

/** Next-battle durations (ms) over `votes` votes on the vote page, with this file's waits. */
export function measureNextBattle(page: Page, votes: number): Promise<number[]> {
  return measureWithSteps(page, votes, {
    untilVoteUnlocked: () => waitForVoteUnlocked(page),
    untilRevealed: () => waitForReveal(page),
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
