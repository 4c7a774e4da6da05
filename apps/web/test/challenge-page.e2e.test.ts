import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/browse-helpers';
import { createOperatorToken, expectNoSidewaysScroll, screenshot } from './support/console-helpers';
import { embeddedArena, launchChromium, type EmbeddedArena } from './support/embedded-arena';
import {
  awaitPublishedVotes,
  closeChallenges,
  listedChallenges,
  voteAsOneVoter,
} from './support/result-votes';

const CATEGORY = 'style-transfer';

/**
 * A closed editing challenge as a reader sees it: the source image beside the instruction, and
 * each model's edit against the source on a before/after slider, by keyboard and by mouse.
 */
describe('the challenge page of an editing challenge', () => {
  let arena: EmbeddedArena;
  let baseUrl: string;
  let browser: Browser;
  let slug: string;

  beforeAll(async () => {
    arena = await embeddedArena('challenge');
    baseUrl = arena.baseUrl;
    const token = await createOperatorToken(arena, 'e2e');
    // One scripted voter casts every vote: limits and screening would rightly stop it.
    await arena.start({
      MIN_VIEW_MS: '0',
      LEADERBOARD_DEBOUNCE_MS: '300',
      RATE_LIMIT: 'off',
      SCREENING: 'off',
    });
    browser = await launchChromium();
    await voteAsOneVoter(baseUrl, 16, { arena: 'image-editing', category: CATEGORY });
    const open = (await listedChallenges(baseUrl)).filter(
      (c) => c.category.slug === CATEGORY && c.status === 'voting',
    );
    expect(open.length).toBeGreaterThan(0);
    await closeChallenges(baseUrl, token, open);
    await awaitPublishedVotes(baseUrl, 'image-editing', 16);
    // The challenge with the most models rated.
    const boards = await Promise.all(
      open.map(async (c) => ({
        slug: c.slug,
        rows: (await (await fetch(`${baseUrl}/api/challenges/${c.slug}/leaderboard`)).json())
          .rows as unknown[],
      })),
    );
    slug = boards.sort((a, b) => b.rows.length - a.rows.length)[0]!.slug;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await arena?.stop();
  });

  it('names the source image in its results', async () => {
    const board = await (await fetch(`${baseUrl}/api/challenges/${slug}/leaderboard`)).json();
    expect(board.challenge.sourceImageUrl).toMatch(/^\/api\/source-images\//);
    expect(board.rows.length).toBeGreaterThanOrEqual(2);
    const image = await fetch(`${baseUrl}${board.challenge.sourceImageUrl}`);
    expect(image.status).toBe(200);
  });

  for (const width of [1280, 390]) {
    it(`shows the source, and each edit before and after, at ${width} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height: width > 500 ? 900 : 844 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${baseUrl}/challenges/${slug}`);
      await page.getByTestId('challenge-page').waitFor({ timeout: 30_000 });

      // The source beside the instruction, loaded.
      const source = page.getByTestId('challenge-source');
      await expect
        .poll(() => source.evaluate((img) => (img as HTMLImageElement).naturalWidth), {
          timeout: 15_000,
        })
        .toBeGreaterThan(0);

      // Before and after: a labelled slider over the source and the top model's edit.
      const compare = page.getByTestId('challenge-compare');
      await compare.waitFor();
      const frame = page.getByTestId('challenge-before-after');
      const slider = page.getByRole('slider', { name: /Compare the source with/ });
      expect(await slider.count()).toBe(1);
      const before = frame.locator('img.before');
      expect(await slider.inputValue()).toBe('50');
      expect(await before.evaluate((img) => img.style.clipPath)).toBe('inset(0px 50% 0px 0px)');

      // By keyboard: the arrow keys move the divider.
      await slider.focus();
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
      expect(await slider.inputValue()).toBe('45');
      expect(await before.evaluate((img) => img.style.clipPath)).toBe('inset(0px 55% 0px 0px)');
      await page.keyboard.press('End');
      expect(await slider.inputValue()).toBe('100');

      // By mouse: dragging the divider to a quarter of the frame's width.
      await frame.scrollIntoViewIfNeeded();
      const box = (await frame.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2, { steps: 5 });
      await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      const dragged = Number(await slider.inputValue());
      expect(dragged).toBeGreaterThan(18);
      expect(dragged).toBeLessThan(32);
      // The divider follows: it stands where the mouse let go.
      const divider = (await frame.locator('.divider').boundingBox())!;
      expect(Math.abs(divider.x + divider.width / 2 - (box.x + box.width * 0.25))).toBeLessThan(
        box.width * 0.06,
      );

      // Another model: its edit replaces the first.
      const after = frame.locator('img.after');
      const first = await after.getAttribute('src');
      const models = compare.getByTestId('compare-model');
      expect(await models.count()).toBeGreaterThanOrEqual(2);
      await models.nth(1).click();
      expect(await models.nth(1).getAttribute('aria-pressed')).toBe('true');
      expect(await after.getAttribute('src')).not.toBe(first);
      await expect
        .poll(() => after.evaluate((img) => (img as HTMLImageElement).naturalWidth), {
          timeout: 15_000,
        })
        .toBeGreaterThan(0);

      // From a result card: "Compare with the source" picks that model.
      const rows = page.getByTestId('challenge-row');
      await rows.first().getByRole('button', { name: 'Compare with the source' }).click();
      expect(await models.first().getAttribute('aria-pressed')).toBe('true');
      expect(await page.locator('main').innerText()).not.toMatch(/\b1 votes\b/);

      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'challenge-edit');
      if (width < 500) await expectNoSidewaysScroll(page);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
  }
});
