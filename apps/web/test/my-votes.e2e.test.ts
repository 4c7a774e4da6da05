import type { MyLeaderboard } from '@arena/contract';
import type { APIRequestContext, Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSidewaysScroll, screenshot } from './support/console-helpers';
import { embeddedArena, launchChromium, sleep, type EmbeddedArena } from './support/embedded-arena';

const OUTCOMES = ['left', 'right', 'left', 'tie', 'right', 'left', 'both_bad'] as const;

/**
 * Votes through the public API as whoever `request` carries the cookie of (a browser context's
 * request shares its cookies), waiting for the first challenges to open.
 */
async function vote(
  baseUrl: string,
  request: APIRequestContext,
  count: number,
  outcome: (i: number) => string,
) {
  const deadline = Date.now() + 90_000;
  for (let cast = 0; cast < count;) {
    const battle = await request.post(`${baseUrl}/api/battles`, {
      data: { arena: 'text-to-image' },
    });
    if (battle.status() === 404 && Date.now() < deadline) {
      await sleep(250);
      continue;
    }
    expect(battle.status()).toBe(201);
    const { id, left, right } = (await battle.json()) as {
      id: string;
      left: { imageUrl: string };
      right: { imageUrl: string };
    };
    // A vote counts only from a voter who fetched both images.
    for (const side of [left, right]) {
      expect((await request.get(`${baseUrl}${side.imageUrl}`)).status()).toBe(200);
    }
    const voted = await request.post(`${baseUrl}/api/battles/${id}/vote`, {
      data: { outcome: outcome(cast) },
    });
    expect(voted.status()).toBe(200);
    cast += 1;
  }
}

/**
 * "My votes" as a voter meets it: the count before 20 votes, then their own leaderboard beside
 * the crowd's, with how far they agree, at 1280 and 390 px.
 */
describe('my votes in the browser', () => {
  let arena: EmbeddedArena;
  let baseUrl: string;
  let browser: Browser;
  let me: BrowserContext;

  beforeAll(async () => {
    arena = await embeddedArena('me');
    baseUrl = arena.baseUrl;
    await arena.start({
      MIN_VIEW_MS: '0',
      RATE_LIMIT: 'off',
      SCREENING: 'off',
      LEADERBOARD_DEBOUNCE_MS: '200',
    });
    browser = await launchChromium();
    me = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  }, 120_000);

  afterAll(async () => {
    await me?.close();
    await browser?.close();
    await arena?.stop();
  });

  it('before 20 votes shows how many so far and how many to go', async () => {
    const page = await me.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${baseUrl}/me`);
    await page.waitForURL(`${baseUrl}/me/text-to-image`);
    await page.getByTestId('me-progress').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('me-votes').innerText()).toBe('0 counted votes');

    // Seven votes with this browser's cookie, then a look again.
    await vote(baseUrl, me.request, 7, (i) => OUTCOMES[i % OUTCOMES.length]!);
    await page.reload();
    await page.getByTestId('me-progress').waitFor();
    expect(await page.getByTestId('me-votes').innerText()).toBe('7 counted votes');
    expect(await page.getByRole('heading', { level: 2 }).innerText()).toBe('13 votes to go');
    expect(await page.getByTestId('me-remaining').innerText()).toBe('7 / 20');
    expect(await page.getByTestId('me-table').count()).toBe(0);
    await screenshot(page, 'me-progress');
    // The other arena keeps its own count.
    await page.getByTestId('me-arena-image-editing').click();
    await page.waitForURL(`${baseUrl}/me/image-editing`);
    await expect.poll(() => page.getByTestId('me-votes').innerText()).toBe('0 counted votes');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('after 20 votes shows their own leaderboard beside the crowd’s, with the agreement', async () => {
    // The crowd: another voter, with a taste of its own.
    const crowd = await browser.newContext();
    await vote(baseUrl, crowd.request, 30, (i) => (i % 3 === 0 ? 'right' : 'left'));
    await crowd.close();
    await vote(baseUrl, me.request, 16, (i) => OUTCOMES[(i + 3) % OUTCOMES.length]!);

    // The published leaderboard follows the votes within moments (debounced recompute): wait
    // for the one that has them all, so that the page and this test compare with the same one.
    await expect
      .poll(
        async () =>
          (
            (await (await fetch(`${baseUrl}/api/leaderboards/text-to-image`)).json()) as {
              snapshot: { votes: number } | null;
            }
          ).snapshot?.votes,
        { timeout: 60_000, interval: 500 },
      )
      .toBe(30 + 23);
    const response = await me.request.get(`${baseUrl}/api/me/leaderboard?arena=text-to-image`);
    expect(response.headers()['cache-control']).toBe('no-store');
    const api = (await response.json()) as MyLeaderboard;
    expect(api.crowdComputedAt).not.toBeNull();
    expect(api.rows.every((row) => row.crowd !== null)).toBe(true);
    expect(api.votes).toBe(23);
    expect(api.rows.length).toBeGreaterThan(1);
    const agreement = api.agreement!;
    expect(agreement.pairs).toBeGreaterThan(0);

    for (const width of [1280, 390]) {
      const page = await me.newPage();
      await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
      await page.goto(`${baseUrl}/me/text-to-image`);
      await page.getByTestId('me-table').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('me-vote-count').innerText()).toBe('23 counted votes');
      const orderings = agreement.pairs === 1 ? 'ordering' : 'orderings';
      expect(await page.getByTestId('me-agreement-sentence').innerText()).toBe(
        `You agree with the crowd on ${agreement.agreeing} of ${agreement.pairs} pairwise ${orderings}.`,
      );
      // The two orders drawn side by side, then in figures.
      expect(await page.getByTestId('me-slope').isVisible()).toBe(true);
      // Every model the voter judged, in their order, each with the crowd's place beside it.
      const rows = page.getByTestId('me-row');
      expect(await rows.count()).toBe(api.rows.length);
      for (const [i, row] of api.rows.entries()) {
        const shown = rows.nth(i);
        expect(await shown.getByRole('link').innerText()).toBe(row.model.name);
        expect(await shown.getByTestId('me-your-rank').innerText()).toBe(String(row.yours.rank));
        expect(await shown.getByTestId('me-crowd-rank').innerText()).toBe(String(row.crowd!.rank));
      }
      if (width < 600) await expectNoSidewaysScroll(page);
      await screenshot(page, 'me-leaderboard');
      await page.close();
    }
  }, 240_000);
});
