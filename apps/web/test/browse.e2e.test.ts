import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  axeViolations,
  openPage,
  until,
  publicChallenges,
  type PublicChallenge,
} from './support/browse-helpers';
import { createOperatorToken, expectNoSidewaysScroll, screenshot } from './support/console-helpers';
import { embeddedArena, launchChromium, type EmbeddedArena } from './support/embedded-arena';
import { voteAsOneVoter } from './support/result-votes';

const CHALLENGE = 'vintage-cafe-logo';
const CATEGORY = 'logo-typography'; // the only challenge in its category: its votes land on it
const WIDTHS = [1280, 390] as const;

/**
 * Browsing the site as a reader: the product started as `pnpm start` starts it, votes cast
 * through the public API and one challenge closed by an operator, then Chromium on the
 * challenges index, the models list, the footer and the methodology page, and the 404 page.
 */
describe('browsing the site', () => {
  let arena: EmbeddedArena;
  let baseUrl: string;
  let browser: Browser;
  let challenges: PublicChallenge[];

  beforeAll(async () => {
    arena = await embeddedArena('browse');
    baseUrl = arena.baseUrl;
    const token = await createOperatorToken(arena, 'browse');
    // One scripted voter casts every vote: limits and screening would rightly stop it.
    await arena.start({
      MIN_VIEW_MS: '0',
      LEADERBOARD_DEBOUNCE_MS: '300',
      RATE_LIMIT: 'off',
      SCREENING: 'off',
    });
    browser = await launchChromium();

    await voteAsOneVoter(baseUrl, 12, { category: CATEGORY });
    const listed = await listChallenges();
    const target = listed.find((challenge) => challenge.slug === CHALLENGE)!;
    const closed = await fetch(`${baseUrl}/api/admin/challenges/${target.id}/close`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(closed.status).toBe(200);
    // Its results are published on closing; the overall board follows a moment later.
    await until(async () =>
      Boolean((await listChallenges()).find((c) => c.slug === CHALLENGE)?.winner),
    );
    await until(async () => {
      const board = await (await fetch(`${baseUrl}/api/leaderboards/text-to-image`)).json();
      return board.snapshot?.votes === 12;
    });
    challenges = await listChallenges();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await arena?.stop();
  });

  const listChallenges = () => publicChallenges(baseUrl);
  const open = (path: string, width: number) => openPage(browser, `${baseUrl}${path}`, width);

  it('answers 404 with the friendly page for unknown routes, models and arenas', async () => {
    for (const width of WIDTHS) {
      for (const path of ['/does-not-exist', '/models/no-such-model']) {
        const { page, errors } = await open(path, width);
        const error = page.getByTestId('error-page');
        await error.waitFor({ timeout: 30_000 });
        expect(await error.innerText()).toContain('404');
        expect(await page.title()).toBe('Not found · Arena');
        // Nothing in the navigation is marked as the current page.
        expect(await page.locator('.site-nav a[aria-current]').count()).toBe(0);
        if (path === '/models/no-such-model') {
          expect(await error.getByRole('link', { name: 'All models' }).count()).toBe(1);
          await screenshot(page, 'browse-404-model');
        }
        if (width === 390) await expectNoSidewaysScroll(page);
        expect(await axeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
        await page.close();
      }
    }

    // The status: what crawlers and link checkers go by.
    for (const path of ['/does-not-exist', '/models/no-such-model', '/leaderboard/nope']) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    }
    expect((await fetch(`${baseUrl}/challenges/no-such-challenge`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/models`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/challenges/${CHALLENGE}`)).status).toBe(200);
  }, 180_000);

  it('lists open challenges with their progress and closed ones with their winner', async () => {
    const closed = challenges.find((challenge) => challenge.slug === CHALLENGE)!;
    expect(closed.status).toBe('closed');
    expect(closed.votes).toBe(12);
    const openCount = challenges.filter(
      (c) => c.status === 'voting' || c.status === 'generating',
    ).length;
    expect(openCount).toBeGreaterThan(0);

    for (const width of WIDTHS) {
      const { page, errors } = await open('/challenges', width);
      await page.getByTestId('challenges-page').waitFor({ timeout: 30_000 });
      expect(await page.title()).toBe('Challenges · Arena');
      expect(await page.locator('.site-nav a[aria-current="page"]').innerText()).toBe('Challenges');
      const openItems = page.getByTestId('challenges-open-item');
      expect(await openItems.count()).toBe(openCount);
      expect(await openItems.first().getByTestId('challenge-progress').innerText()).toMatch(
        /^\d+ \/ \d+ answers? ready · \d+ votes?$/,
      );
      const closedItems = page.getByTestId('challenges-closed-item');
      expect(await closedItems.count()).toBe(1);
      expect(await closedItems.innerText()).toContain('12 votes');
      const winner = closedItems.getByTestId('challenge-winner');
      expect(await winner.innerText()).toContain(closed.winner!.name);
      if (width === 390) await expectNoSidewaysScroll(page);
      await screenshot(page, 'browse-challenges');
      expect(await axeViolations(page)).toEqual([]);

      // Filtered by arena: the closed text-to-image challenge leaves the editing list.
      await page.getByTestId('challenges-filter-image-editing').click();
      await expect.poll(() => new URL(page.url()).search).toBe('?arena=image-editing');
      await expect.poll(() => closedItems.count()).toBe(0);
      expect(await openItems.count()).toBe(
        challenges.filter(
          (c) => c.arena === 'image-editing' && c.status !== 'closed' && c.status !== 'failed',
        ).length,
      );
      for (const text of await openItems.allInnerTexts()) expect(text).toContain('Image editing');

      // The winner's link leads to its model page.
      if (width === 1280) {
        await page.getByTestId('challenges-filter-all').click();
        await expect.poll(() => new URL(page.url()).search).toBe('');
        await expect.poll(() => closedItems.count()).toBe(1);
        // The list is rendered again when the filter's data arrives: a click on the link it
        // replaces goes nowhere, so click again until the model page opens. The URL changes
        // only once the model page's data has loaded, so each click gets time for that (a
        // second click would cancel a navigation under way).
        await page.waitForLoadState('networkidle');
        await vi.waitFor(
          async () => {
            const path = () => new URL(page.url()).pathname;
            if (path() === '/challenges') await winner.getByRole('link').click();
            await page.waitForURL(`**/models/${closed.winner!.slug}`, { timeout: 10_000 });
          },
          { timeout: 45_000, interval: 200 },
        );
      }
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 180_000);

  it('sorts the models list by rating by default, and by name, votes and price; filters it', async () => {
    const { models } = (await (await fetch(`${baseUrl}/api/models`)).json()) as {
      models: Array<{ slug: string; name: string; creator: string; arenas: string[] }>;
    };
    const board = (await (await fetch(`${baseUrl}/api/leaderboards/text-to-image`)).json()) as {
      rows: Array<{ model: { slug: string }; rating: number; games: number }>;
    };

    for (const width of WIDTHS) {
      const { page, errors } = await open('/models', width);
      const rows = page.getByTestId('models-row');
      await page.getByTestId('models-list').waitFor({ timeout: 30_000 });
      expect(await rows.count()).toBe(models.length);
      const slugs = () => rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-slug')));

      // By rating, best first: the text-to-image board's order among the models it rates.
      const byRating = board.rows
        .filter((row) => row.games > 0)
        .sort((a, b) => b.rating - a.rating)
        .map((row) => row.model.slug);
      expect((await slugs()).slice(0, byRating.length)).toEqual(byRating);

      // Prices load after the list; every demo model has a 1K price.
      await expect
        .poll(async () => (await page.getByTestId('models-price').allInnerTexts()).join(' '), {
          timeout: 15_000,
        })
        .not.toContain('…');
      if (width === 390) await expectNoSidewaysScroll(page);
      await screenshot(page, 'browse-models');
      expect(await axeViolations(page)).toEqual([]);

      await page.getByTestId('models-sort').selectOption('name');
      await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('name');
      expect(await slugs()).toEqual(
        [...models].sort((a, b) => a.name.localeCompare(b.name)).map((m) => m.slug),
      );

      await page.getByTestId('models-sort').selectOption('votes');
      await expect
        .poll(async () =>
          (await page.getByTestId('models-votes').allInnerTexts()).map((text) =>
            Number(text.replace(/\D/g, '')),
          ),
        )
        .toEqual(
          models
            .map((m) => board.rows.find((row) => row.model.slug === m.slug)?.games ?? 0)
            .sort((a, b) => b - a),
        );

      await page.getByTestId('models-sort').selectOption('price');
      await expect
        .poll(async () => {
          const prices = (await page.getByTestId('models-price').allInnerTexts()).map((text) =>
            Number(text.replace(/[^\d.]/g, '')),
          );
          return prices.every((price, i) => i === 0 || price >= prices[i - 1]!);
        })
        .toBe(true);

      // One creator: only that creator's models.
      const creator = models[0]!.creator;
      await page.getByTestId('models-creator').selectOption(creator);
      await expect
        .poll(() => rows.count())
        .toBe(models.filter((m) => m.creator === creator).length);
      for (const text of await page.getByTestId('models-creator-name').allInnerTexts()) {
        expect(text).toBe(creator);
      }
      await page.getByTestId('models-creator').selectOption('');

      // One arena, then one of its categories: the models that played in it.
      await page.getByTestId('models-arena').selectOption('text-to-image');
      await expect.poll(() => new URL(page.url()).searchParams.get('arena')).toBe('text-to-image');
      await expect
        .poll(() => rows.count())
        .toBe(models.filter((m) => m.arenas.includes('text-to-image')).length);
      await page.getByTestId('models-category').selectOption(CATEGORY);
      await expect.poll(() => new URL(page.url()).searchParams.get('category')).toBe(CATEGORY);
      await expect.poll(() => rows.count()).toBe(board.rows.filter((r) => r.games > 0).length);
      if (width === 390) await expectNoSidewaysScroll(page);
      await screenshot(page, 'browse-models-filtered');
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 180_000);

  it('links the open data, the API and the methodology from every page', async () => {
    for (const width of WIDTHS) {
      const { page, errors } = await open('/leaderboard/text-to-image', width);
      await page.getByTestId('leaderboard-table').waitFor({ timeout: 30_000 });
      if (width === 390) await expectNoSidewaysScroll(page);
      await screenshot(page, 'browse-leaderboard');
      const footer = page.getByTestId('site-footer');
      const hrefs = await footer
        .getByRole('link')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      expect(hrefs).toEqual(
        expect.arrayContaining(['/methodology', '/api/votes/export?format=csv', '/api/docs']),
      );
      // Each leads somewhere real.
      const csv = await fetch(`${baseUrl}/api/votes/export?format=csv`);
      expect(csv.status).toBe(200);
      expect(await csv.text()).toMatch(/^[^\n]*outcome/);
      expect((await fetch(`${baseUrl}/api/docs`)).status).toBe(200);

      // "My votes" in the navigation.
      expect(await page.getByTestId('nav-me').getAttribute('href')).toBe('/me');

      await footer.getByRole('link', { name: 'How the ratings work' }).click();
      const methodology = page.getByTestId('methodology');
      await methodology.waitFor({ timeout: 30_000 });
      expect(await page.title()).toBe('How the ratings work · Arena');
      const text = await methodology.innerText();
      for (const term of [
        'Bradley-Terry',
        'Elo scale',
        'bootstrap',
        'share a rank',
        'both are bad',
        'Undone votes',
        'Voided votes',
        'Excluded voters',
        'a second',
      ]) {
        expect(text).toContain(term);
      }
      expect(await page.locator('.site-nav a[aria-current]').count()).toBe(0);
      if (width === 390) await expectNoSidewaysScroll(page);
      await screenshot(page, 'browse-methodology');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 180_000);
});
