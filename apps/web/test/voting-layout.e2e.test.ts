import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSidewaysScroll, screenshot } from './support/console-helpers';
import { embeddedArena, launchChromium, type EmbeddedArena } from './support/embedded-arena';
import { battleOnScreen, waitForReveal, waitForVoteUnlocked } from './support/next-battle';

/**
 * The vote page as voters meet it on a desktop and on a phone, in both arenas: everything a
 * vote needs (both answers, the source when editing, the vote buttons) on one screen, voting
 * by mouse and by keyboard, the phone's compare view, the lightbox and long prompts.
 */

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const ARENAS = [
  { arena: 'text-to-image', path: '/' },
  { arena: 'image-editing', path: '/vote/image-editing' },
] as const;

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe-core violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated rather than added as a <script>: the page's Content-Security-Policy stays strict.
  // The trailing 0 is the script's value: the axe object itself is too deep to send back.
  await page.evaluate(`${await axeSource}\n;0`);
  // Only plain strings come back: axe's own results are too deep to send over the protocol.
  return page.evaluate(async () => {
    interface AxeResults {
      violations: Array<{
        id: string;
        impact?: string | null;
        nodes: Array<{ target: unknown[] }>;
      }>;
    }
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<AxeResults> } }).axe;
    const { violations } = await axe.run(document);
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.map(String).join(' ')).join(', ')}`);
  });
}

/** The element lies entirely inside the viewport. */
async function expectInViewport(page: Page, testid: string): Promise<DOMRectLike> {
  const viewport = page.viewportSize()!;
  const box = await page.getByTestId(testid).first().boundingBox();
  expect(box, `${testid} has no box`).not.toBeNull();
  const where = `${testid} at ${JSON.stringify(box)} in ${viewport.width}x${viewport.height}`;
  expect(box!.x, where).toBeGreaterThanOrEqual(0);
  expect(box!.y, where).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, where).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(box!.y + box!.height, where).toBeLessThanOrEqual(viewport.height + 0.5);
  return box!;
}
type DOMRectLike = { x: number; y: number; width: number; height: number };

/** Both answers (and the source) and every vote button on screen, nothing hidden under the bar. */
async function expectWholeBattleOnScreen(page: Page, editing: boolean): Promise<void> {
  const images = ['image-left', 'image-right', ...(editing ? ['source-image'] : [])];
  const boxes = [];
  for (const testid of images) boxes.push(await expectInViewport(page, testid));
  for (const testid of ['vote-left', 'vote-right', 'vote-tie', 'vote-both-bad']) {
    await expectInViewport(page, testid);
  }
  const bar = (await page.getByTestId('vote-actions').boundingBox())!;
  for (const box of boxes) expect(box.y + box.height).toBeLessThanOrEqual(bar.y + 0.5);
  // Side by side: A and B share a row, at the same size.
  const [left, right] = boxes;
  expect(Math.abs(left!.y - right!.y)).toBeLessThan(2);
  expect(Math.abs(left!.width - right!.width)).toBeLessThan(2);
  expect(Math.abs(left!.height - right!.height)).toBeLessThan(2);
  // Large enough to judge: at least a third of the narrow side of the screen each.
  const viewport = page.viewportSize()!;
  expect(left!.width).toBeGreaterThan(Math.min(viewport.width, viewport.height) * 0.3);
}

describe('voting on a desktop and on a phone', () => {
  let arena: EmbeddedArena;
  let browser: Browser;

  beforeAll(async () => {
    arena = await embeddedArena('voting-layout');
    await arena.start();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await arena?.stop();
  });

  async function openVotePage(path: string, viewport: typeof DESKTOP) {
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
    });
    await page.goto(`${arena.baseUrl}${path}`);
    // The first challenges open within seconds of a fresh start; the page waits and retries.
    await page.getByTestId('vote-left').waitFor({ state: 'visible', timeout: 90_000 });
    await waitForVoteUnlocked(page);
    return { page, errors };
  }

  for (const { arena: name, path } of ARENAS) {
    const editing = name === 'image-editing';
    for (const viewport of [DESKTOP, PHONE]) {
      it(`votes in ${name} at ${viewport.width} px by mouse, then by keyboard`, async () => {
        const { page, errors } = await openVotePage(path, viewport);
        const shot = `vote-${name}`;

        // Mouse: everything on one screen before the vote.
        await expectWholeBattleOnScreen(page, editing);
        await expectNoSidewaysScroll(page);
        await screenshot(page, `${shot}-before`);
        expect(await seriousViolations(page)).toEqual([]);

        if (editing && viewport === PHONE) {
          // The compare view flips the large frame between the source and each answer.
          const compare = page.getByRole('group', { name: 'Compare the source with each answer' });
          await compare.getByRole('button', { name: 'A', exact: true }).click();
          await expect
            .poll(() => page.locator('.answer.left').isVisible(), { timeout: 5000 })
            .toBe(true);
          expect(await page.locator('img.source').isVisible()).toBe(false);
          await screenshot(page, `${shot}-compare-a`);
          // One tap on the frame: the answer shown, full size, in the lightbox.
          await page.getByTestId('source-image').click();
          const dialog = page.getByRole('dialog');
          await dialog.waitFor({ state: 'visible' });
          expect(await dialog.getByRole('heading').innerText()).toBe('A');
          await page.keyboard.press('Escape');
          await dialog.waitFor({ state: 'hidden' });
          await compare.getByRole('button', { name: 'Source', exact: true }).click();
        }

        const first = await battleOnScreen(page);
        await page.getByTestId('vote-left').click();
        await waitForReveal(page);
        await expectInViewport(page, 'next-battle');
        await expectInViewport(page, 'undo-vote');
        await screenshot(page, `${shot}-revealed`);
        await page.getByTestId('next-battle').click();
        await expect.poll(() => battleOnScreen(page), { timeout: 30_000 }).not.toBe(first);

        // Keyboard: once unlocked, "2" (B is better) votes; N moves on.
        await waitForVoteUnlocked(page);
        await expectWholeBattleOnScreen(page, editing);
        const second = await battleOnScreen(page);
        await page.keyboard.press('2');
        await waitForReveal(page);
        expect(await page.getByTestId('reveal').innerText()).toContain('You picked B');
        await page.keyboard.press('n');
        await expect.poll(() => battleOnScreen(page), { timeout: 30_000 }).not.toBe(second);
        await waitForVoteUnlocked(page);
        await page.keyboard.press('ArrowLeft');
        await waitForReveal(page);
        expect(await page.getByTestId('reveal').innerText()).toContain('You picked A');

        expect(errors).toEqual([]);
        await page.close();
      });
    }
  }

  it('opens the lightbox over the page with its own top bar; Escape closes it', async () => {
    const { page } = await openVotePage('/vote/image-editing', DESKTOP);
    const frame = page.getByRole('button', { name: 'Enlarge image B' });
    await frame.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ state: 'visible' });
    const title = dialog.getByRole('heading');
    expect(await title.innerText()).toBe('B');
    // Nothing of the page (the site's logo and header) shares the title's place.
    const box = (await title.boundingBox())!;
    const onTop = await page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.closest('dialog') !== null,
      { x: box.x + box.width / 2, y: box.y + box.height / 2 },
    );
    expect(onTop).toBe(true);
    const barColor = await page.evaluate(
      () => getComputedStyle(document.querySelector('dialog .bar')!).backgroundColor,
    );
    expect(barColor).toBe('rgb(11, 12, 16)');
    await screenshot(page, 'vote-lightbox');
    expect(await seriousViolations(page)).toEqual([]);

    // The arrow keys step through source, A and B inside the dialog without voting.
    await page.keyboard.press('ArrowLeft');
    expect(await title.innerText()).toBe('A');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''),
    ).toBe('Enlarge image B');
    expect(await page.getByTestId('reveal').count()).toBe(0);
    await page.close();
  });

  it('collapses a long JSON prompt, formatted, and keeps the vote buttons in view', async () => {
    const structured = {
      scene: 'A lighthouse keeper’s kitchen at dawn, seen from the doorway',
      style: { medium: 'oil painting', palette: ['ochre', 'slate blue', 'cream'], grain: 'fine' },
      subjects: Array.from({ length: 8 }, (_, i) => ({
        name: `object ${i + 1}`,
        detail: 'placed on the oak table, catching the low light from the east window',
      })),
      camera: { lens: '35mm', height: 'eye level', depthOfField: 'deep' },
    };
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await browser.newPage({ viewport });
      // The battle is the server's own; only its prompt is swapped for a long structured one.
      await page.route('**/api/battles', async (route) => {
        const response = await route.fetch();
        if (response.status() !== 201) return route.fulfill({ response });
        const battle = await response.json();
        battle.challenge.prompt = JSON.stringify(structured);
        await route.fulfill({ response, json: battle });
      });
      await page.goto(arena.baseUrl);
      await page.getByTestId('vote-left').waitFor({ state: 'visible', timeout: 60_000 });
      await waitForVoteUnlocked(page);

      const prompt = page.getByTestId('battle-prompt');
      expect(await prompt.evaluate((node) => node.tagName)).toBe('PRE');
      expect(await prompt.evaluate((node) => getComputedStyle(node).fontFamily)).toMatch(/mono/i);
      const collapsed = (await prompt.boundingBox())!.height;
      expect(collapsed).toBeLessThan(70);
      await expectWholeBattleOnScreen(page, false);
      await screenshot(page, 'vote-json-prompt');

      const toggle = page.getByTestId('prompt-toggle');
      expect(await toggle.innerText()).toBe('Show more');
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      expect((await prompt.boundingBox())!.height).toBeGreaterThan(collapsed * 2);
      expect(await prompt.innerText()).toContain('"palette": [');
      await expectInViewport(page, 'vote-left');
      await screenshot(page, 'vote-json-prompt-open');
      await page.close();
    }
  });
});
