import type { Page } from 'playwright-core';

/** How long to wait for a battle to unlock, or for the next one to be prepared. */
const STEP_TIMEOUT_MS = 30_000;

/** Waits until the battle on screen takes a vote (both images shown, viewing time passed). */
export async function waitForVoteUnlocked(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="vote-left"]');
      return button !== null && !button.disabled;
    },
    undefined,
    { timeout: STEP_TIMEOUT_MS },
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

/** The id of the battle on screen (on the element holding its two answers). */
export function battleOnScreen(page: Page): Promise<string | null> {
  return page.getByTestId('battle-stage').getAttribute('data-battle-id');
}

/**
 * Given a Page on the vote page, votes `votes` times; after each vote waits until the next
 * battle has been prepared (issued, both images decoded), presses Next (the N key) and measures
 * in the page, with the page's own performance marks, the time from 'arena:next' to
 * 'arena:battle-shown' for the new battle. Returns those durations in milliseconds.
 */
export async function measureNextBattle(page: Page, votes: number): Promise<number[]> {
  const durations: number[] = [];
  for (let cast = 0; cast < votes; cast += 1) {
    await waitForVoteUnlocked(page);
    await page.keyboard.press(cast % 2 === 0 ? 'ArrowLeft' : 'ArrowRight');
    await waitForReveal(page);
    await page
      .locator('[data-next-ready="true"]')
      .waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS });
    const previous = await battleOnScreen(page);
    await page.evaluate(() => performance.clearMarks());
    await page.keyboard.press('n');
    const duration = await page.evaluate(
      (args) =>
        new Promise<number>((resolve, reject) => {
          const deadline = performance.now() + args.timeout;
          const check = () => {
            const next = performance.getEntriesByName('arena:next', 'mark').at(-1);
            const shown = performance
              .getEntriesByName('arena:battle-shown', 'mark')
              .find(
                (mark) =>
                  (mark as PerformanceMark).detail?.battleId !== args.previous &&
                  next !== undefined &&
                  mark.startTime >= next.startTime,
              );
            if (next && shown) resolve(shown.startTime - next.startTime);
            else if (performance.now() > deadline)
              reject(new Error('the next battle never showed'));
            else setTimeout(check, 5);
          };
          check();
        }),
      { previous, timeout: STEP_TIMEOUT_MS },
    );
    durations.push(duration);
  }
  return durations;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
