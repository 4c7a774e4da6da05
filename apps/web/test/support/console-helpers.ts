import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SOURCE_NODE_ARGS } from '@arena/testing';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';
import { ROOT, type EmbeddedArena } from './embedded-arena';

/** Where the console test leaves its screenshots (gitignored), to be looked at. */
export const SCREENSHOTS = join(ROOT, 'apps/web/test/screenshots');

/**
 * A full-page screenshot, named by what it shows and the viewport's width, once every image
 * on the page has loaded (lazy ones below the fold included).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.evaluate(async () => {
    const images = [...document.images];
    for (const image of images) image.loading = 'eager';
    const loaded = (image: HTMLImageElement) =>
      image.complete ? Promise.resolve() : image.decode().catch(() => undefined);
    await Promise.race([
      Promise.all(images.map(loaded)),
      new Promise((resolve) => setTimeout(resolve, 10_000)),
    ]);
  });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
}

/** Nothing sticks out sideways: the page fits the viewport's width (a phone at 390 px). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(client);
}

/** An operator token from the CLI, made before the server starts (PGlite: one process). */
export async function createOperatorToken(arena: EmbeddedArena, name: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      ...SOURCE_NODE_ARGS,
      'apps/api/src/cli/main.ts',
      'operator',
      'create',
      name,
      '--role',
      'admin',
    ],
    { cwd: ROOT, env: arena.env },
  );
  const token = stdout.trim().split('\n').pop()!.trim();
  expect(token).toMatch(/^arena_op_/);
  return token;
}

/** A 4:3 PNG with something to edit in it: a sky, a hill and a sun. */
export function sourcePng(width = 1200, height = 900): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#8ec5ff"/>
    <circle cx="${width * 0.78}" cy="${height * 0.25}" r="${height * 0.12}" fill="#ffd35c"/>
    <ellipse cx="${width * 0.4}" cy="${height}" rx="${width * 0.7}" ry="${height * 0.45}" fill="#4f9d5d"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
