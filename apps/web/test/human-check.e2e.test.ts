import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedArena, launchChromium, type EmbeddedArena } from './support/embedded-arena';

const SECRET = 'e2e-human-check-secret';
const SITE_KEY = 'e2e-site-key';

/**
 * Stands in for Cloudflare's script (the test never reaches the internet): a button that hands
 * out tokens `e2e-token-0`, `-1`, … like a solved widget, through the options Turnstile takes.
 */
const FAKE_TURNSTILE = `
  let issued = 0;
  window.turnstile = {
    render(container, options) {
      if (options.sitekey !== ${JSON.stringify(SITE_KEY)}) throw new Error('wrong site key');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'I am human';
      button.dataset.testid = 'fake-widget';
      button.onclick = () => options.callback('e2e-token-' + issued++);
      container.append(button);
      return 'widget-' + issued;
    },
    reset() {},
    remove() { document.querySelectorAll('[data-testid=fake-widget]').forEach((b) => b.remove()); },
  };
`;

/** Siteverify on loopback: the first token fails, later ones pass. */
async function startSiteverify() {
  const forms: Array<Record<string, string>> = [];
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const form = Object.fromEntries(new URLSearchParams(body));
    forms.push(form);
    const success = form.secret === SECRET && /^e2e-token-[1-9]/.test(form.response ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        success,
        'error-codes': success ? [] : ['invalid-input-response'],
        hostname: '127.0.0.1',
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/siteverify`,
    forms,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the human check in the browser', () => {
  let arena: EmbeddedArena;
  let browser: Browser;
  let siteverify: Awaited<ReturnType<typeof startSiteverify>>;

  beforeAll(async () => {
    siteverify = await startSiteverify();
    arena = await embeddedArena('human-check');
    await arena.start({
      HUMAN_CHECK: 'turnstile',
      HUMAN_CHECK_SITE_KEY: SITE_KEY,
      HUMAN_CHECK_SECRET: SECRET,
      HUMAN_CHECK_VERIFY_URL: siteverify.url,
      HUMAN_CHECK_AFTER_VOTES: '1',
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await arena?.stop();
    await siteverify?.close();
  });

  it('shows the widget when a vote needs a check, and counts the vote after a pass', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
    });
    const scripts: string[] = [];
    await page.route('https://challenges.cloudflare.com/**', (route) => {
      scripts.push(route.request().url());
      return route.fulfill({ contentType: 'application/javascript', body: FAKE_TURNSTILE });
    });
    await page.goto(arena.baseUrl);

    const voteLeft = page.getByTestId('vote-left');
    await voteLeft.waitFor({ state: 'visible', timeout: 60_000 });
    await expect.poll(() => voteLeft.isEnabled(), { timeout: 90_000 }).toBe(true);
    await voteLeft.click();
    await page.getByTestId('reveal').waitFor({ state: 'visible', timeout: 15_000 });

    // The second vote is held for a check: the widget appears in place of the vote buttons.
    await page.getByTestId('next-battle').first().click();
    await expect.poll(() => voteLeft.isEnabled(), { timeout: 30_000 }).toBe(true);
    await voteLeft.click();
    const widget = page.getByTestId('fake-widget');
    await widget.waitFor({ state: 'visible', timeout: 15_000 });
    expect(scripts).toEqual([
      'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit',
    ]);

    // A refused token: the voter is told, and gets a fresh widget.
    await widget.click();
    await page.getByTestId('vote-error').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.getByTestId('reveal').count()).toBe(0);

    await widget.click();
    await page.getByTestId('reveal').waitFor({ state: 'visible', timeout: 15_000 });
    expect(siteverify.forms.map((form) => [form.response, form.secret, form.remoteip])).toEqual([
      ['e2e-token-0', SECRET, '127.0.0.1'],
      ['e2e-token-1', SECRET, '127.0.0.1'],
    ]);
    const leaderboard = await (
      await fetch(`${arena.baseUrl}/api/leaderboards/text-to-image`)
    ).json();
    expect(leaderboard.votes).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
