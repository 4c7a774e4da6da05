import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedArena, launchChromium, type EmbeddedArena } from './support/embedded-arena';

/**
 * The product as a visitor meets it: the arena started the way `pnpm start` starts it, and
 * Debian's Chromium voting through the real UI.
 */
describe('voting in the browser', () => {
  let arena: EmbeddedArena;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    arena = await embeddedArena('vote');
    baseUrl = arena.baseUrl;
    await arena.start();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await arena?.stop();
  });

  it('votes on a battle, sees the reveal, and moves on to the next', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // The strict Content-Security-Policy must not block anything the app does.
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
    });
    await page.goto(baseUrl);

    // The first challenges open within seconds of a fresh start; the page waits and retries.
    const voteLeft = page.getByTestId('vote-left');
    await voteLeft.waitFor({ state: 'visible', timeout: 60_000 });
    await expect.poll(() => voteLeft.isEnabled(), { timeout: 30_000 }).toBe(true);
    const prompt = await page.getByTestId('battle-prompt').textContent();
    expect(prompt?.length).toBeGreaterThan(10);
    // Nothing on the page names a model before the vote.
    const models = (await (await fetch(`${baseUrl}/api/models`)).json()).models as Array<{
      name: string;
    }>;
    const before = await page.locator('main').innerText();
    for (const model of models) expect(before).not.toContain(model.name);

    await voteLeft.click();
    const reveal = page.getByTestId('reveal');
    await reveal.waitFor({ state: 'visible', timeout: 15_000 });
    const leftName = (await page.getByTestId('reveal-left-model').innerText()).trim();
    const rightName = (await page.getByTestId('reveal-right-model').innerText()).trim();
    const names = models.map((m) => m.name);
    expect(names.some((name) => leftName.includes(name))).toBe(true);
    expect(names.some((name) => rightName.includes(name))).toBe(true);
    expect(leftName).not.toEqual(rightName);

    await page.getByTestId('next-battle').first().click();
    await expect.poll(() => page.getByTestId('reveal').count(), { timeout: 15_000 }).toBe(0);
    await page.getByTestId('vote-right').waitFor({ state: 'visible', timeout: 30_000 });
    // Keyboard voting: "2" picks B once the minimum viewing time has passed.
    await expect
      .poll(() => page.getByTestId('vote-right').isEnabled(), { timeout: 30_000 })
      .toBe(true);
    await page.keyboard.press('2');
    await reveal.waitFor({ state: 'visible', timeout: 15_000 });

    const leaderboard = await (await fetch(`${baseUrl}/api/leaderboards/text-to-image`)).json();
    expect(leaderboard.votes).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the leaderboard with a category switch', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}/leaderboard/text-to-image`);
    await page.getByTestId('leaderboard-table').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('leaderboard-row').count()).toBe(6);
    await page.close();
  });
});
