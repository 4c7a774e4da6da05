/**
 * How long the vote page takes from "Next" to the next battle on screen, by the page's own
 * performance marks. The web app's e2e tests and the benchmark both measure it this way.
 */

/** How long to wait for the next battle to be prepared, and for it to show after Next. */
const STEP_TIMEOUT_MS = 30_000;

/**
 * The few methods of a Playwright Page the measurement drives, declared here so that this
 * package needs no playwright-core; a playwright-core Page satisfies it.
 */
export interface VotePage {
  keyboard: { press(key: string): Promise<void> };
  locator(selector: string): {
    waitFor(options: { state: 'attached'; timeout: number }): Promise<void>;
  };
  getByTestId(testId: string): { getAttribute(name: string): Promise<string | null> };
  evaluate<R, Arg>(pageFunction: (arg: Arg) => R | Promise<R>, arg?: Arg): Promise<R>;
}

/**
 * The waits around each vote. The caller brings them: the web tests' waits read the DOM and
 * explain their failures, the benchmark's wait on locators.
 */
export interface VoteSteps {
  untilVoteUnlocked(): Promise<void>;
  untilRevealed(): Promise<void>;
}

/** The id of the battle on screen (on the element holding its two answers). */
export function battleOnScreen(page: VotePage): Promise<string | null> {
  return page.getByTestId('battle-stage').getAttribute('data-battle-id');
}

/**
 * Given a page on the vote page, votes `votes` times (left and right in turn); after each vote
 * waits until the next battle has been prepared (issued, both images decoded), presses Next
 * (the N key) and measures in the page the time from 'arena:next' to 'arena:battle-shown' for
 * the new battle. Returns those durations in milliseconds.
 */
export async function measureNextBattle(
  page: VotePage,
  votes: number,
  steps: VoteSteps,
): Promise<number[]> {
  const durations: number[] = [];
  for (let cast = 0; cast < votes; cast += 1) {
    await steps.untilVoteUnlocked();
    await page.keyboard.press(cast % 2 === 0 ? 'ArrowLeft' : 'ArrowRight');
    await steps.untilRevealed();
    await page
      .locator('[data-next-ready="true"]')
      .waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS });
    const previous = await battleOnScreen(page);
    await page.evaluate(() => performance.clearMarks());
    await page.keyboard.press('n');
    durations.push(await timeToNextBattleShown(page, previous));
  }
  return durations;
}

/** In the page: from the last 'arena:next' mark to the battle other than `previous` shown. */
function timeToNextBattleShown(page: VotePage, previous: string | null): Promise<number> {
  // No named functions inside: tsx (the benchmark) would wrap them in a helper the page lacks.
  return page.evaluate(
    async (args) => {
      const deadline = performance.now() + args.timeout;
      for (;;) {
        const next = performance.getEntriesByName('arena:next', 'mark').at(-1);
        const shown = performance
          .getEntriesByName('arena:battle-shown', 'mark')
          .find(
            (mark) =>
              (mark as { detail?: { battleId?: string } }).detail?.battleId !== args.previous &&
              next !== undefined &&
              mark.startTime >= next.startTime,
          );
        if (next && shown) return shown.startTime - next.startTime;
        if (performance.now() > deadline) throw new Error('the next battle never showed');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    { previous, timeout: STEP_TIMEOUT_MS },
  );
}
