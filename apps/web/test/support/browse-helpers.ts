import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { sleep } from './embedded-arena';

/** axe-core's browser build, injected into a page as it stands. */
const AXE_SOURCE = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/** The serious and critical axe-core violations of the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as {
      violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }>;
    };
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  });
}

/** A page at a width (a phone's height below 600 px), collecting script errors and CSP refusals. */
export async function openPage(
  browser: Browser,
  url: string,
  width: number,
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: width > 600 ? 900 : 844 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  await page.goto(url);
  return { page, errors };
}

/** A challenge as GET /api/challenges lists it (the fields these tests read). */
export interface PublicChallenge {
  id: string;
  slug: string;
  status: string;
  arena: string;
  votes: number;
  winner: { slug: string; name: string } | null;
}

export async function publicChallenges(baseUrl: string): Promise<PublicChallenge[]> {
  const response = await fetch(`${baseUrl}/api/challenges`);
  return ((await response.json()) as { challenges: PublicChallenge[] }).challenges;
}

/** Waits until `done` holds (in hooks, where expect.poll is not available), or throws. */
export async function until(done: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not so after ${timeoutMs} ms`);
    await sleep(250);
  }
}
