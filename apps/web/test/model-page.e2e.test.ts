import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SOURCE_NODE_ARGS } from '@arena/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/browse-helpers';
import { expectNoSidewaysScroll, screenshot } from './support/console-helpers';
import { embeddedArena, launchChromium, ROOT, type EmbeddedArena } from './support/embedded-arena';
import {
  awaitPublishedVotes,
  challengeRows,
  closeChallenges,
  listedChallenges,
  ratedModelCount,
  voteAsOneVoter,
  type ArenaName,
} from './support/result-votes';

const CHALLENGE = 'vintage-cafe-logo';
const CATEGORY = 'logo-typography'; // the only challenge in its category: its votes land on it
const EDIT_CATEGORY = 'portrait-retouch'; // its challenges are closed for the editing results

/**
 * A reader's path through the results: the product started as `pnpm start` starts it, votes
 * cast through the public API, one challenge closed by an operator, then Chromium opening a
 * model page from the leaderboard and following it to the challenge page.
 */
describe('model and challenge pages in the browser', () => {
  let arena: EmbeddedArena;
  let baseUrl: string;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    arena = await embeddedArena('model');
    baseUrl = arena.baseUrl;
    // The operator token is made before the server starts: PGlite allows one process.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [...SOURCE_NODE_ARGS, 'apps/api/src/cli/main.ts', 'operator', 'create', 'e2e'],
      { cwd: ROOT, env: arena.env },
    );
    token = stdout.trim().split('\n').pop()!.trim();
    expect(token.length).toBeGreaterThan(20);
    // The test seeds its votes through the API faster than anyone would vote.
    // One scripted voter casts every vote: limits and screening would rightly stop it.
    await arena.start({
      MIN_VIEW_MS: '0',
      LEADERBOARD_DEBOUNCE_MS: '300',
      RATE_LIMIT: 'off',
      SCREENING: 'off',
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await arena?.stop();
  });

  const vote = (count: number, category?: string, arena: ArenaName = 'text-to-image') =>
    voteAsOneVoter(baseUrl, count, { arena, category });

  it('opens a model page from the leaderboard with providers, performance and matchups', async () => {
    await vote(18, CATEGORY);
    await vote(12);
    const { challenges } = (await (await fetch(`${baseUrl}/api/challenges`)).json()) as {
      challenges: Array<{ id: string; slug: string }>;
    };
    const challenge = challenges.find((c) => c.slug === CHALLENGE)!;
    const closed = await fetch(`${baseUrl}/api/admin/challenges/${challenge.id}/close`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(closed.status).toBe(200);
    // The published leaderboard follows the votes a moment later (debounced recompute).
    await expect
      .poll(
        async () => {
          const board = await (await fetch(`${baseUrl}/api/leaderboards/text-to-image`)).json();
          return board.snapshot?.votes ?? 0;
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBe(30);
    // A model rated in the closed challenge, so that its page has a result to follow.
    const results = await (
      await fetch(`${baseUrl}/api/challenges/${CHALLENGE}/leaderboard`)
    ).json();
    const model = results.rows[0].model as { slug: string; name: string };

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // The strict Content-Security-Policy must not block anything the app does.
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
    });
    await page.goto(`${baseUrl}/leaderboard/text-to-image`);
    await page.getByTestId('leaderboard-table').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('leaderboard-row').count()).toBe(6);
    // By its exact name: "Nano Banana" is also the start of "Nano Banana Pro".
    const exactName = new RegExp(`^\\s*${model.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    await page.getByTestId('model-link').filter({ hasText: exactName }).first().click();

    await page.getByTestId('model-page').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe(`/models/${model.slug}`);
    expect(await page.getByTestId('model-name').innerText()).toBe(model.name);
    // Rated in its arena, with a rank and a rating.
    await expect
      .poll(() => page.getByTestId('model-rating').first().innerText(), { timeout: 15_000 })
      .toMatch(/^[\d,]+$/);

    // Providers & pricing: every offering, the demo provider among them.
    const providers = page.getByTestId('model-providers');
    expect(await providers.getByTestId('provider-row').count()).toBeGreaterThan(0);
    expect(await providers.innerText()).toContain('Demo (offline)');

    // Provider performance: the demo provider's calls, with real figures.
    const performance = page.getByTestId('model-performance');
    const row = performance.getByTestId('performance-row').first();
    await row.waitFor();
    expect(await row.getByTestId('performance-p50').innerText()).toMatch(/^\d[\d.,]* (ms|s)$/);
    expect(await row.getByTestId('performance-success').innerText()).toMatch(
      /^\d+(\.\d)?% \(\d+\/\d+\)$/,
    );
    expect(Number(await row.getByTestId('performance-requests').innerText())).toBeGreaterThan(0);

    // Head-to-head: at least one opponent with win / loss / tie shares.
    const matchups = page.getByTestId('model-head-to-head').getByTestId('matchup');
    expect(await matchups.count()).toBeGreaterThan(0);
    expect(await matchups.first().innerText()).toMatch(/\d+% W[\s\S]*\d+% L[\s\S]*\d+% T/);

    await page.getByTestId('model-best-for').waitFor();

    // Competition results: the closed challenge, followed to its own page.
    const result = page.getByTestId('model-results').getByTestId('model-result');
    expect(await result.count()).toBe(1);
    expect(await result.innerText()).toMatch(/#\d+ of \d+/);
    await result.getByRole('link').click();
    await page.getByTestId('challenge-page').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe(`/challenges/${CHALLENGE}`);
    expect(await page.getByTestId('challenge-row').count()).toBe(results.rows.length);
    const best = page.getByTestId('challenge-row').first().locator('img').first();
    await expect
      .poll(() => best.evaluate((img) => (img as HTMLImageElement).naturalWidth), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);

    // An open challenge keeps its results to itself.
    const open = challenges.find((c) => c.slug !== CHALLENGE)!;
    await page.goto(`${baseUrl}/challenges/${open.slug}`);
    await page.getByTestId('challenge-open').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('challenge-board').count()).toBe(0);

    // An unknown model is a 404 page, not a broken one.
    await page.goto(`${baseUrl}/models/no-such-model`);
    await expect.poll(() => page.locator('main').innerText(), { timeout: 15_000 }).toContain('404');

    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it('shows every section of a model page, with edits before and after, at 1280 and 390 px', async () => {
    // Editing votes in one category, then its open challenges closed: the model has results in
    // both arenas, one of them an edit of a source image.
    await vote(24, EDIT_CATEGORY, 'image-editing');
    const edits = (await listedChallenges(baseUrl)).filter(
      (c) => c.category.slug === EDIT_CATEGORY && c.status === 'voting',
    );
    expect(edits.length).toBeGreaterThan(0);
    await closeChallenges(baseUrl, token, edits);
    await awaitPublishedVotes(baseUrl, 'image-editing', 24);

    // A model rated in the closed logo challenge and in a closed editing one.
    const inLogo = await challengeRows(baseUrl, CHALLENGE);
    const inEdits = (
      await Promise.all(edits.map((edit) => challengeRows(baseUrl, edit.slug)))
    ).flat();
    const model = inLogo.find((row) => inEdits.some((e) => e.model.slug === row.model.slug))!.model;
    expect(model).toBeDefined();
    const ratedModels = await ratedModelCount(baseUrl, 'text-to-image');

    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: width > 500 ? 900 : 844 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${baseUrl}/models/${model.slug}`);
      await page.getByTestId('model-page').waitFor({ timeout: 30_000 });

      // The header: creator, family, release date, modes, tags, description and notes.
      expect(await page.getByTestId('model-creator').innerText()).toMatch(/^by \S/);
      expect(await page.getByTestId('model-family').innerText()).toMatch(/\S+ family$/);
      expect(await page.getByTestId('model-released').innerText()).toMatch(/^Released \S/);
      expect(await page.getByTestId('model-modes').getByRole('listitem').count()).toBe(2);
      expect(await page.getByTestId('model-tags').getByRole('listitem').count()).toBeGreaterThan(0);
      expect((await page.getByTestId('model-description').innerText()).length).toBeGreaterThan(40);
      expect(await page.getByTestId('model-notes').innerText()).toMatch(/^Note\s+\S/);

      // Standing in each arena, and a rating history that ends where the board stands.
      for (const arena of ['text-to-image', 'image-editing']) {
        await expect
          .poll(
            () =>
              page.getByTestId(`model-standing-${arena}`).getByTestId('model-rating').innerText(),
            {
              timeout: 15_000,
            },
          )
          .toMatch(/^[\d,]+$/);
      }
      const published = await page
        .getByTestId('model-standing-text-to-image')
        .getByTestId('model-rating')
        .innerText();
      const history = page.getByTestId('model-history').getByRole('img');
      await history.waitFor({ timeout: 15_000 });
      expect(await history.getAttribute('aria-label')).toMatch(
        new RegExp(`to ${published} over \\d+ published`),
      );

      // The interval band is drawn whole, inside the plot, not cut flat at its edges.
      const band = await page
        .getByTestId('model-history')
        .locator('path.band')
        .evaluate((path) => {
          const box = (path as SVGGraphicsElement).getBBox();
          const plot = (
            path.closest('svg')!.querySelector('clipPath rect') as SVGGraphicsElement
          ).getBBox();
          return { top: box.y - plot.y, bottom: plot.y + plot.height - (box.y + box.height) };
        });
      expect(band.top).toBeGreaterThan(0);
      expect(band.bottom).toBeGreaterThan(0);

      // Rating vs price and speed: every rated model, this one marked.
      const price = page.getByTestId('model-price-chart');
      await price.getByTestId('scatter-highlight').waitFor({ timeout: 15_000 });
      expect(await price.locator('a.point').count()).toBe(ratedModels);
      expect(await price.getByTestId('scatter-highlight').locator('text').textContent()).toBe(
        model.name,
      );
      const speed = page.getByTestId('model-speed-chart');
      await speed.getByTestId('scatter-highlight').waitFor();
      expect(await speed.locator('a.point').count()).toBe(ratedModels);

      // Providers & pricing with prices, and provider performance.
      const providers = page.getByTestId('model-providers');
      expect(await providers.getByTestId('provider-row').count()).toBeGreaterThan(1);
      expect(await providers.innerText()).toMatch(/\$0\.\d+/);
      const performance = page.getByTestId('model-performance').getByTestId('performance-row');
      expect(await performance.count()).toBeGreaterThan(0);

      // Competition results: both closed challenges, the edit before and after.
      const results = page.getByTestId('model-results').getByTestId('model-result');
      expect(await results.count()).toBeGreaterThanOrEqual(2);
      expect(await results.first().getByTestId('result-rank').innerText()).toMatch(/^#\d+ of \d+$/);
      const slider = page.getByTestId('result-before-after-range').first();
      const edit = page.getByTestId('result-before-after').first();
      await edit.scrollIntoViewIfNeeded();
      await slider.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      expect(await slider.inputValue()).toBe('52');
      expect(await edit.locator('img.before').evaluate((img) => img.style.clipPath)).toBe(
        'inset(0px 48% 0px 0px)',
      );

      // The gallery: every attempt, lazily loaded, each opening the lightbox.
      const gallery = page.getByTestId('model-gallery').getByTestId('gallery-image');
      expect(await gallery.count()).toBeGreaterThanOrEqual(2);
      expect(await gallery.first().locator('img').getAttribute('loading')).toBe('lazy');
      await gallery.first().click();
      const lightbox = page.locator('dialog[open]');
      await lightbox.waitFor();
      await lightbox.press('Escape');
      await lightbox.waitFor({ state: 'detached' }).catch(() => undefined);

      // Head-to-head: each matchup names the closed challenges it was played on.
      const matchups = page.getByTestId('model-head-to-head').getByTestId('matchup-challenges');
      expect(await matchups.count()).toBeGreaterThan(0);
      const named = await matchups.allInnerTexts();
      expect(named.some((text) => /^On .+\((won|lost|tied) \d+/.test(text))).toBe(true);

      // Best for: the categories where it ranks highest.
      expect(
        await page.getByTestId('model-best-for').getByTestId('best-for-category').count(),
      ).toBeGreaterThan(0);
      // Counts read "1 vote", never "1 votes".
      expect(await page.locator('main').innerText()).not.toMatch(/\b1 votes\b/);

      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'model-page-complete');
      if (width < 500) await expectNoSidewaysScroll(page);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 400_000);
});
