import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SOURCE_NODE_ARGS } from '@arena/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  embeddedArena,
  launchChromium,
  ROOT,
  sleep,
  type EmbeddedArena,
} from './support/embedded-arena';

const CHALLENGE = 'vintage-cafe-logo';
const CATEGORY = 'logo-typography'; // the only challenge in its category: its votes land on it

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

  /** Votes as one anonymous voter, waiting for the first challenges to open. */
  async function vote(count: number, category?: string): Promise<void> {
    let cookie = '';
    const outcomes = ['left', 'right', 'tie', 'left', 'both_bad', 'right'];
    // The demo provider fails some calls on purpose and generation retries with backoff, so a
    // category's first challenge can take minutes to open on a busy machine.
    const deadline = Date.now() + 180_000;
    for (let cast = 0; cast < count;) {
      const battle = await fetch(`${baseUrl}/api/battles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(
          category ? { arena: 'text-to-image', category } : { arena: 'text-to-image' },
        ),
      });
      cookie = battle.headers.get('set-cookie')?.split(';')[0] ?? cookie;
      if (battle.status === 404 && Date.now() < deadline) {
        await sleep(250); // no challenge open yet: the demo provider is still generating
        continue;
      }
      expect(battle.status).toBe(201);
      const { id, left, right } = (await battle.json()) as {
        id: string;
        left: { imageUrl: string };
        right: { imageUrl: string };
      };
      // A vote counts only from a voter who fetched both images.
      for (const side of [left, right]) {
        expect((await fetch(`${baseUrl}${side.imageUrl}`, { headers: { cookie } })).status).toBe(
          200,
        );
      }
      const result = await fetch(`${baseUrl}/api/battles/${id}/vote`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ outcome: outcomes[cast % outcomes.length] }),
      });
      expect(result.status).toBe(200);
      cast += 1;
    }
  }

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
});
