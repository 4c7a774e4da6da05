import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/console-helpers';
import { embeddedArena, launchChromium, type EmbeddedArena } from './support/embedded-arena';
import {
  battleOnScreen,
  measureNextBattle,
  median,
  waitForVoteUnlocked,
} from './support/next-battle';

/**
 * The rhythm of voting: the next battle prepared during the reveal and shown at once, and a
 * vote taken back within its few seconds.
 */
describe('voting without waiting, and taking a vote back', () => {
  let arena: EmbeddedArena;
  let browser: Browser;

  beforeAll(async () => {
    arena = await embeddedArena('voting-flow');
    await arena.start();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await arena?.stop();
  });

  async function openVotePage(viewport = { width: 1280, height: 800 }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    await page.goto(arena.baseUrl);
    await page.getByTestId('vote-left').waitFor({ state: 'visible', timeout: 90_000 });
    await waitForVoteUnlocked(page, 90_000);
    return page;
  }

  async function waitForText(page: Page, testid: string, text: string): Promise<void> {
    await page.waitForFunction(
      ({ testid, text }) =>
        [...document.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`)].some((node) =>
          node.innerText.includes(text),
        ),
      { testid, text },
      { timeout: 15_000 },
    );
  }

  it('shows the prefetched next battle within 100 ms of "Next"', async () => {
    const page = await openVotePage();
    // Each prefetched battle is announced to the server once it is on screen.
    const shownReports: number[] = [];
    page.on('response', (response) => {
      if (/\/api\/battles\/[^/]+\/shown$/.test(response.url())) {
        shownReports.push(response.status());
      }
    });

    const durations = await measureNextBattle(page, 5);
    console.info(`next battle shown after ${durations.map((d) => d.toFixed(1)).join(', ')} ms`);
    expect(durations).toHaveLength(5);
    expect(median(durations)).toBeLessThan(100);

    await waitForVoteUnlocked(page);
    expect(shownReports.length).toBeGreaterThanOrEqual(5);
    expect(shownReports.filter((status) => status < 200 || status > 299)).toEqual([]);
    await page.close();
  });

  it('keeps the vote locked until both images have been on screen', async () => {
    // A short window: both images load below the fold.
    const page = await browser.newPage({ viewport: { width: 1280, height: 360 } });
    await page.goto(arena.baseUrl);
    await page.getByTestId('vote-left').waitFor({ state: 'attached', timeout: 90_000 });
    await page.waitForFunction(
      () => {
        const images = [
          ...document.querySelectorAll<HTMLImageElement>('img[data-testid^="image-"]'),
        ];
        return images.length === 2 && images.every((image) => image.naturalWidth > 0);
      },
      undefined,
      { timeout: 30_000 },
    );
    const below = await page.getByTestId('image-left').boundingBox();
    expect(below!.y + below!.height / 2).toBeGreaterThan(360);
    // Well past the minimum viewing time, the vote is still locked: nobody has seen them.
    await page.waitForTimeout(2500);
    expect(await page.getByTestId('vote-left').isDisabled()).toBe(true);

    await page
      .getByTestId('image-left')
      .evaluate((node) => node.scrollIntoView({ block: 'center' }));
    await waitForVoteUnlocked(page);
    await page.close();
  });

  it('takes a vote back by mouse and by keyboard, then moves on', async () => {
    const votes = async () =>
      (
        (await (await fetch(`${arena.baseUrl}/api/leaderboards/text-to-image`)).json()) as {
          votes: number;
        }
      ).votes;
    const before = await votes();
    const page = await openVotePage({ width: 390, height: 844 });

    const undone = page.waitForResponse((r) => r.url().endsWith('/vote/undo'), {
      timeout: 15_000,
    });
    const first = await battleOnScreen(page);
    await page.getByTestId('vote-left').click();
    await waitForText(page, 'reveal', 'You picked A');
    await page.getByTestId('undo-vote').click();
    const response = await undone;
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ battleId: first, undone: true });
    await waitForText(page, 'vote-error', 'Vote taken back');
    expect(await battleOnScreen(page)).not.toBe(first);
    await screenshot(page, 'vote-taken-back');

    // The keyboard: U takes the vote back too.
    await waitForVoteUnlocked(page);
    const second = await battleOnScreen(page);
    const undoneByKey = page.waitForResponse((r) => r.url().endsWith('/vote/undo'), {
      timeout: 15_000,
    });
    await page.keyboard.press('2');
    await waitForText(page, 'reveal', 'You picked B');
    await page.keyboard.press('u');
    expect((await undoneByKey).status()).toBe(200);
    await waitForText(page, 'vote-error', 'Vote taken back');
    expect(await battleOnScreen(page)).not.toBe(second);

    // The undone votes are left out; a vote that stays is counted.
    await waitForVoteUnlocked(page);
    await page.keyboard.press('1');
    await waitForText(page, 'reveal', 'You picked A');
    expect(await votes()).toBe(before + 1);
    await page.close();
  });
});
