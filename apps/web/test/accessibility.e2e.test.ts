import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperatorToken } from './support/console-helpers';
import { embeddedArena, launchChromium, sleep, type EmbeddedArena } from './support/embedded-arena';

/** axe-core's browser build, injected into each page as it stands. */
const AXE_SOURCE = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/** What fails the scan: the impacts axe calls serious or critical. */
const BLOCKING = new Set(['serious', 'critical']);

interface Finding {
  rule: string;
  impact: string;
  help: string;
  /** Up to three offending elements, as CSS selectors, with axe's summary of the first. */
  nodes: string[];
  summary: string;
}

/** Runs axe-core over the page as it is now and returns its serious and critical violations. */
async function scan(page: Page): Promise<Finding[]> {
  // Evaluated over the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as {
      violations: Array<{
        id: string;
        impact: string | null;
        help: string;
        nodes: Array<{ target: unknown[]; failureSummary?: string }>;
      }>;
    };
    return result.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      nodes: violation.nodes.slice(0, 3).map((node) => node.target.map(String).join(' ')),
      summary: violation.nodes[0]?.failureSummary ?? '',
    }));
  });
  return violations.filter((violation) => BLOCKING.has(violation.impact));
}

/**
 * Every page a visitor or an operator can reach, scanned with axe-core in Chromium, in the
 * light and the dark color scheme where it matters: no serious or critical violation anywhere
 * (labels, contrast, alternative text, roles, names).
 */
describe('accessibility of every page', () => {
  let arena: EmbeddedArena;
  let baseUrl: string;
  let browser: Browser;
  let visitor: BrowserContext;
  let token: string;
  const findings = new Map<string, Finding[]>();

  beforeAll(async () => {
    arena = await embeddedArena('a11y');
    baseUrl = arena.baseUrl;
    token = await createOperatorToken(arena, 'a11y');
    await arena.start({
      MIN_VIEW_MS: '0',
      RATE_LIMIT: 'off',
      SCREENING: 'off',
      LEADERBOARD_DEBOUNCE_MS: '200',
    });
    browser = await launchChromium();
    visitor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    // Everything found, in one place, for whoever fixes it.
    for (const [name, found] of findings) {
      if (found.length > 0) console.log(`${name}:\n${JSON.stringify(found, null, 2)}`);
    }
    await visitor?.close();
    await browser?.close();
    await arena?.stop();
  });

  /** Opens `path`, waits for it to settle (and for `ready`, if given), and scans it. */
  async function open(
    context: BrowserContext,
    path: string,
    ready?: (page: Page) => Promise<unknown>,
  ): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${baseUrl}${path}`);
    await page.locator('h1').first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
    if (ready) await ready(page);
    return page;
  }

  async function expectClean(page: Page, name: string): Promise<void> {
    const found = await scan(page);
    findings.set(name, found);
    // Soft: one run reports every page's findings, not just the first page's.
    expect.soft(found, `${name} (${page.url()})`).toEqual([]);
  }

  async function check(path: string, ready?: (page: Page) => Promise<unknown>) {
    const page = await open(visitor, path, ready);
    await expectClean(page, path);
    await page.close();
  }

  for (const arenaName of ['text-to-image', 'image-editing'] as const) {
    it(`vote page (${arenaName}): before and after a vote, light, dark and on a phone`, async () => {
      for (const [colorScheme, width] of [
        ['light', 1280],
        ['dark', 1280],
        ['light', 390],
      ] as const) {
        const setup = `${colorScheme}, ${width} px`;
        const context = await browser.newContext({
          viewport: { width, height: width > 600 ? 900 : 844 },
          colorScheme,
        });
        const page = await open(context, `/vote/${arenaName}`);
        const voteLeft = page.getByTestId('vote-left');
        // The demo provider generates the first challenges a little after start.
        await voteLeft.waitFor({ state: 'visible', timeout: 180_000 });
        await expect.poll(() => voteLeft.isEnabled(), { timeout: 30_000 }).toBe(true);
        await expectClean(page, `vote ${arenaName} (${setup})`);
        await voteLeft.click();
        await page.getByTestId('reveal').waitFor({ state: 'visible', timeout: 15_000 });
        await expectClean(page, `vote ${arenaName} after the vote (${setup})`);
        await context.close();
      }
    }, 300_000);
  }

  /** Votes through the API as one scripted voter, so that boards and results have rows. */
  async function seedVotes(count: number): Promise<string> {
    let cookie = '';
    const outcomes = ['left', 'right', 'tie', 'left', 'both_bad', 'right'];
    const deadline = Date.now() + 180_000;
    for (let cast = 0; cast < count;) {
      const battle = await fetch(`${baseUrl}/api/battles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ arena: 'text-to-image' }),
      });
      cookie = battle.headers.get('set-cookie')?.split(';')[0] ?? cookie;
      if (battle.status === 404 && Date.now() < deadline) {
        await sleep(250);
        continue;
      }
      expect(battle.status).toBe(201);
      const { id, left, right } = (await battle.json()) as {
        id: string;
        left: { imageUrl: string };
        right: { imageUrl: string };
      };
      for (const side of [left, right])
        await fetch(`${baseUrl}${side.imageUrl}`, { headers: { cookie } });
      const result = await fetch(`${baseUrl}/api/battles/${id}/vote`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ outcome: outcomes[cast % outcomes.length] }),
      });
      expect(result.status).toBe(200);
      cast += 1;
    }
    return cookie;
  }
  /** The seeded voter's cookie (`arena_voter=…`): their own leaderboard is scanned too. */
  let seededVoter = '';

  it('leaderboard, light and dark', async () => {
    seededVoter = await seedVotes(24);
    // The published board (intervals, charts) follows the votes within moments.
    await expect
      .poll(
        async () =>
          (await (await fetch(`${baseUrl}/api/leaderboards/text-to-image`)).json()).snapshot
            ?.votes ?? 0,
        { timeout: 60_000, interval: 500 },
      )
      .toBeGreaterThanOrEqual(24);
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        colorScheme,
      });
      const page = await open(context, '/leaderboard/text-to-image', (p) =>
        p.getByTestId('leaderboard-table').waitFor({ timeout: 30_000 }),
      );
      await expectClean(page, `leaderboard ${colorScheme}`);
      await context.close();
    }
  }, 120_000);

  it('models list and a model page', async () => {
    await check('/models');
    const { models } = (await (await fetch(`${baseUrl}/api/models`)).json()) as {
      models: Array<{ slug: string }>;
    };
    await check(`/models/${models[0]!.slug}`);
  }, 120_000);

  it('a closed challenge, an open one, and the challenges index', async () => {
    const { challenges } = (await (await fetch(`${baseUrl}/api/challenges`)).json()) as {
      challenges: Array<{ id: string; slug: string; status: string }>;
    };
    const voting = challenges.filter((challenge) => challenge.status === 'voting');
    expect(voting.length).toBeGreaterThan(1);
    const closed = await fetch(`${baseUrl}/api/admin/challenges/${voting[0]!.id}/close`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(closed.status).toBe(200);
    await check(`/challenges/${voting[0]!.slug}`);
    await check(`/challenges/${voting[1]!.slug}`);
    await check('/challenges');
  }, 120_000);

  it('methodology, my votes, suggest, and the page for an unknown address', async () => {
    await check('/methodology');
    await check('/me/text-to-image');
    // A voter with their own leaderboard: the table at 1280 px, light and dark, and as cards
    // at 390 px.
    const [name, value] = seededVoter.split(/=(.*)/s) as [string, string];
    for (const [colorScheme, width] of [
      ['light', 1280],
      ['dark', 1280],
      ['light', 390],
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
      await context.addCookies([{ name, value, url: baseUrl }]);
      const page = await open(context, '/me/text-to-image', (p) =>
        p.getByTestId('me-table').waitFor({ timeout: 30_000 }),
      );
      await expectClean(page, `/me with a leaderboard (${colorScheme}, ${width} px)`);
      await context.close();
    }
    await check('/suggest');
    await check('/does-not-exist');
  }, 120_000);

  it('the operator console: login, then its pages', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const login = await open(context, '/console/login');
    await expectClean(login, '/console/login');
    // A refused token shows an alert: scanned with it on screen.
    await login.getByLabel('Operator token').fill('arena_op_not-a-real-token');
    await login.getByRole('button', { name: 'Sign in' }).click();
    await login.getByRole('alert').waitFor();
    await expectClean(login, '/console/login, token refused');
    await login.getByLabel('Operator token').fill(token);
    await login.getByRole('button', { name: 'Sign in' }).click();
    await login.waitForURL((url) => !url.pathname.startsWith('/console/login'));
    await login.close();
    for (const path of [
      '/console',
      '/console/challenges',
      '/console/challenges/new',
      '/console/catalog',
      '/console/catalog/providers',
      '/console/catalog/offerings',
      '/console/catalog/categories',
      '/console/moderation',
      '/console/moderation/suggestions',
      '/console/tokens',
      '/console/audit',
    ]) {
      const page = await open(context, path);
      await expectClean(page, path);
      await page.close();
    }
    await context.close();
  }, 300_000);
});
