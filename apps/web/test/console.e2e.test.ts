import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOperatorToken,
  expectNoSidewaysScroll,
  screenshot,
  sourcePng,
} from './support/console-helpers';
import { embeddedArena, launchChromium, type EmbeddedArena } from './support/embedded-arena';
import { voteAsOneVoter } from './support/result-votes';

const MODEL = { name: 'Console Test Model', slug: 'console-test-model' };
const CATEGORY = { name: 'Console E2E', slug: 'console-e2e' };

/**
 * An operator's day in the console, in Chromium against the product as `pnpm start` runs it
 * (embedded, demo provider): sign in with a token, add a model and an offering, create an
 * editing challenge from an uploaded 4:3 image, launch it and watch the fan-out over
 * server-sent events, retry a failed attempt, close it, and find the results on the public
 * challenge page. The new model's first offering is on fal, whose key is not set, so its
 * attempts fail by configuration; an offering on the demo provider then lets the retry succeed.
 */
describe('operator console in the browser', () => {
  let arena: EmbeddedArena;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let token: string;
  const errors: string[] = [];

  beforeAll(async () => {
    arena = await embeddedArena('console');
    baseUrl = arena.baseUrl;
    token = await createOperatorToken(arena, 'console-e2e');
    // One scripted voter casts the votes the results need: limits and screening would stop it.
    await arena.start({ MIN_VIEW_MS: '0', RATE_LIMIT: 'off', SCREENING: 'off' });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await arena?.stop();
  });

  function watch(page: Page): Page {
    page.on('pageerror', (error) => errors.push(error.message));
    // The strict Content-Security-Policy must not block anything the console does.
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
    });
    return page;
  }

  async function addOffering(page: Page, provider: string, providerModelId: string) {
    await page.goto(`${baseUrl}/console/catalog/offerings`);
    await page.getByRole('button', { name: 'New offering' }).click();
    const form = page.getByTestId('offering-form');
    await form.getByLabel('Model', { exact: true }).selectOption({ label: MODEL.name });
    await form.getByLabel('Provider', { exact: true }).selectOption({ label: provider });
    await form.getByLabel('Provider model id').fill(providerModelId);
    await form.getByLabel('1K', { exact: true }).fill('0.04');
    await form.getByRole('button', { name: 'Create offering' }).click();
    await page.getByTestId('catalog-notice').waitFor();
  }

  const cell = (page: Page, attempt: number) =>
    page.locator(
      `[data-testid=fan-out-row][data-model=${MODEL.slug}] [data-testid=generation-cell][data-attempt="${attempt}"]`,
    );

  it('runs a challenge from sign-in to published results', async () => {
    const page = watch(await context.newPage());
    const streams: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/events')) {
        streams.push(response.headers()['content-type'] ?? '');
      }
    });

    // Signed out, the console sends the operator to the login, and back after it.
    await page.goto(`${baseUrl}/console/catalog`);
    await page.waitForURL(/\/console\/login\?next=/, { timeout: 30_000 });
    await page.getByLabel('Operator token').fill('arena_op_not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/not valid/);
    await screenshot(page, 'console-login');
    await page.getByLabel('Operator token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/catalog$/);
    expect(await page.getByTestId('console-operator').innerText()).toContain('console-e2e');

    // A model for image editing, and its first offering (on fal, whose key is not set).
    await page.getByRole('button', { name: 'New model' }).click();
    const modelForm = page.getByTestId('model-form');
    await modelForm.getByLabel('Name', { exact: true }).fill(MODEL.name);
    await modelForm.getByLabel('Creator', { exact: true }).fill('E2E Labs');
    await modelForm.getByLabel('Release date').fill('2026-11');
    await modelForm.getByLabel('Image editing').check();
    await modelForm.getByLabel('Text to image').uncheck();
    await modelForm.getByRole('button', { name: 'Create model' }).click();
    await page.locator(`[data-testid=console-model-row][data-slug=${MODEL.slug}]`).waitFor();
    await screenshot(page, 'console-models');
    await addOffering(page, 'fal', 'fal-ai/console-test');
    await page
      .locator(`[data-testid=console-offering-row][data-model=${MODEL.slug}][data-provider=fal]`)
      .waitFor();
    await screenshot(page, 'console-offerings');

    // A category of its own, so that the battles voted below come from this challenge only.
    await page.goto(`${baseUrl}/console/catalog/categories`);
    await page.getByLabel('Name', { exact: true }).fill(CATEGORY.name);
    await page.getByLabel('Slug', { exact: true }).fill(CATEGORY.slug);
    await page.getByLabel('Arena', { exact: true }).selectOption('image-editing');
    await page.getByRole('button', { name: 'Create category' }).click();
    await page.getByTestId('console-categories').getByText(CATEGORY.slug).waitFor();

    // The editing challenge: a file that is no image is refused in the page, a 4:3 PNG is
    // previewed and sets the aspect ratio.
    await page.goto(`${baseUrl}/console/challenges`);
    await page.getByRole('link', { name: 'New challenge' }).click();
    const form = page.getByTestId('challenge-form');
    await form.getByLabel('Title').fill('Console e2e: snow on the hill');
    await form.getByLabel('Arena').selectOption('image-editing');
    await form.getByLabel('Category').selectOption(CATEGORY.slug);
    await form.getByLabel('Instruction').fill('Cover the hill in fresh snow; keep the sun.');
    const file = page.locator('#sourceImage');
    await file.setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hi'),
    });
    expect(await page.getByTestId('source-image-error').innerText()).toContain('not a PNG');
    await file.setInputFiles({
      name: 'hill.png',
      mimeType: 'image/png',
      buffer: await sourcePng(),
    });
    await page.getByTestId('source-image-preview').waitFor();
    expect(await page.getByTestId('source-image-size').innerText()).toContain('1200 × 900');
    expect(await form.getByLabel('Aspect ratio').inputValue()).toBe('4:3');
    await screenshot(page, 'console-new-challenge');
    await form.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/console\/challenges\/[0-9a-f-]{36}$/);
    const challengeUrl = page.url();
    expect(await page.getByTestId('console-challenge-status').innerText()).toBe('Draft');
    await expect
      .poll(() =>
        page
          .getByTestId('console-source-image')
          .evaluate((img) => (img as HTMLImageElement).naturalWidth),
      )
      .toBeGreaterThan(0);

    // Launch, and the fan-out fills in live: every model x 3 attempts, up to 100%.
    await page.getByTestId('launch-challenge').click();
    const grid = page.getByTestId('fan-out-grid');
    await grid.waitFor({ timeout: 30_000 });
    const rows = await grid.getByTestId('fan-out-row').count();
    expect(rows).toBeGreaterThanOrEqual(3);
    expect(await grid.getByTestId('generation-cell').count()).toBe(rows * 3);
    await screenshot(page, 'console-fan-out-running');
    const percent = page.getByTestId('fan-out-percent');
    await expect.poll(() => percent.innerText(), { timeout: 180_000 }).toBe('100%');
    expect(streams.some((type) => type.startsWith('text/event-stream'))).toBe(true);
    // The new model's attempts failed: fal has no key here.
    for (const attempt of [1, 2, 3]) {
      expect(await cell(page, attempt).getAttribute('data-status')).toBe('failed');
    }
    expect(await cell(page, 1).getByTestId('generation-error').innerText()).toMatch(/FAL_KEY/);
    await screenshot(page, 'console-fan-out-done');

    // An offering on the demo provider, then a retry of one failed attempt, which succeeds.
    const tab = watch(await context.newPage());
    await addOffering(tab, 'Demo (offline)', MODEL.slug);
    await tab.close();
    await cell(page, 1).getByTestId('generation-retry').click();
    await expect
      .poll(() => cell(page, 1).getAttribute('data-status'), { timeout: 120_000 })
      .toBe('succeeded');
    await expect.poll(() => percent.innerText(), { timeout: 60_000 }).toBe('100%');
    await expect
      .poll(() => page.getByTestId('console-challenge-status').innerText(), { timeout: 30_000 })
      .toBe('Open for voting');

    // Voters vote, then the operator closes the challenge and publishes its results.
    await voteAsOneVoter(baseUrl, 10, { arena: 'image-editing', category: CATEGORY.slug });
    await page.getByTestId('close-challenge').click();
    await page.getByTestId('confirm-close').click();
    await expect
      .poll(() => page.getByTestId('console-challenge-status').innerText(), { timeout: 30_000 })
      .toBe('Closed');
    await screenshot(page, 'console-challenge-closed');

    // The results, on the public challenge page.
    await page.getByTestId('public-link').click();
    await page.getByTestId('challenge-page').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('challenge-status').innerText()).toBe('Closed');
    await expect
      .poll(() => page.getByTestId('challenge-row').count(), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(2);
    // The new model is ranked there with the answer its retry produced.
    expect(await page.getByTestId('challenge-row').filter({ hasText: MODEL.name }).count()).toBe(1);
    await screenshot(page, 'public-challenge');

    // Every operator action above is in the audit log.
    await page.goto(`${baseUrl}/console/audit`);
    await page.getByTestId('console-audit').waitFor();
    const audited = await page.getByTestId('audit-row').locator('th').allInnerTexts();
    for (const action of [
      'model.create',
      'offering.create',
      'category.create',
      'challenge.create',
      'challenge.launch',
      'generation.retry',
      'challenge.close',
    ]) {
      expect(audited).toContain(action);
    }
    await screenshot(page, 'console-audit');

    // A voter suggests a challenge on the site; the operator accepts it as a draft.
    const idea = 'A lighthouse in a storm, painted as a woodcut print';
    await page.goto(`${baseUrl}/suggest`);
    await page.getByLabel('Category', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('Prompt', { exact: true }).fill(idea);
    await page.getByRole('button', { name: 'Send suggestion' }).click();
    await page.getByTestId('suggestion-sent').waitFor();
    await page.goto(`${baseUrl}/console/moderation/suggestions`);
    const suggestion = page.getByTestId('suggestion').filter({ hasText: idea });
    await suggestion.getByRole('button', { name: 'Accept as draft' }).click();
    await expect
      .poll(() => page.getByRole('status').allInnerTexts())
      .toContainEqual(expect.stringContaining('Accepted: the draft'));

    // On a phone: the same pages, nothing sticking out sideways.
    const phone = watch(await context.newPage());
    await phone.setViewportSize({ width: 390, height: 844 });
    for (const [path, name, ready] of [
      [new URL(challengeUrl).pathname, 'console-challenge-closed', 'fan-out-grid'],
      ['/console/challenges', 'console-challenges', 'console-challenges'],
      ['/console/challenges/new', 'console-new-challenge', 'challenge-form'],
      ['/console/catalog', 'console-models', 'console-models'],
      ['/console/catalog/offerings', 'console-offerings', 'console-offerings'],
      ['/console/tokens', 'console-tokens', 'console-tokens'],
      ['/console/audit', 'console-audit', 'console-audit'],
    ] as const) {
      await phone.goto(`${baseUrl}${path}`);
      await phone.getByTestId(ready).waitFor({ timeout: 30_000 });
      await expectNoSidewaysScroll(phone);
      await screenshot(phone, name);
    }
    await phone.close();

    // An unknown console page is a 404, and the public site around it stays whole.
    await page.goto(`${baseUrl}/console/no-such-page`);
    await expect.poll(() => page.locator('body').innerText(), { timeout: 15_000 }).toContain('404');
    await page.goto(`${baseUrl}/models`);
    await page.getByTestId('models-list').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(1);

    // Signing out ends the session: the console asks for a token again.
    await page.goto(`${baseUrl}/console/audit`);
    await page.getByTestId('console-logout').click();
    await page.waitForURL(/\/console\/login/);
    await page.goto(`${baseUrl}/console/challenges`);
    await page.waitForURL(/\/console\/login\?next=/, { timeout: 30_000 });

    expect(errors).toEqual([]);
    await page.close();
  }, 420_000);
});
