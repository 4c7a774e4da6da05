import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage } from './support/browse-helpers';
import { expectNoSidewaysScroll, screenshot } from './support/console-helpers';
import { embeddedArena, launchChromium, type EmbeddedArena } from './support/embedded-arena';

const WIDTHS = [1280, 390] as const;

/**
 * The first paint: the served HTML draws the page's shell (header, navigation, footer) and a
 * skeleton of its content by itself, as a browser with JavaScript off shows; with scripts on,
 * the app takes its place.
 */
describe('first paint', () => {
  let arena: EmbeddedArena;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    arena = await embeddedArena('first-paint');
    baseUrl = arena.baseUrl;
    await arena.start();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await arena?.stop();
  });

  const open = (path: string, width: number) => openPage(browser, `${baseUrl}${path}`, width);

  it('draws the header, navigation and a skeleton from the served HTML, before any script', async () => {
    for (const width of WIDTHS) {
      const context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width, height: width > 600 ? 900 : 844 },
      });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/leaderboard/text-to-image`);
      const shell = page.locator('#boot-shell');
      expect(await shell.getAttribute('data-section')).toBe('leaderboard');
      expect(await page.locator('.site-header').isVisible()).toBe(true);
      expect(await page.locator('.site-brand').isVisible()).toBe(true);
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link').allInnerTexts()).toEqual([
        'Vote',
        'Leaderboard',
        'Models',
        'Challenges',
        'My votes',
      ]);
      expect(await page.locator('.boot-list').isVisible()).toBe(true);
      expect(await page.locator('.boot-vote').isVisible()).toBe(false);
      expect(await page.locator('.site-footer').isVisible()).toBe(true);
      expect(await page.title()).toBe('Text to image leaderboard · Arena');
      if (width === 390) await expectNoSidewaysScroll(page);
      await screenshot(page, 'browse-first-paint');
      await page.goto(`${baseUrl}/`);
      expect(await page.locator('.boot-vote').isVisible()).toBe(true);
      await screenshot(page, 'browse-first-paint-vote');
      await context.close();
    }

    // With scripts on, the shell gives way to the app: one header, one footer.
    const { page, errors } = await open('/challenges', 1280);
    await page.getByTestId('challenges-page').waitFor({ timeout: 30_000 });
    expect(await page.locator('#boot-shell').count()).toBe(0);
    expect(await page.locator('.site-header').count()).toBe(1);
    expect(await page.locator('.site-footer').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
