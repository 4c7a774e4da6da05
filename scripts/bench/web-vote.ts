/**
 * The vote page as a visitor's browser meets it: Debian's Chromium against the embedded
 * default (`node apps/api/dist/main.js`, PGlite, in-process jobs, the demo provider).
 *
 * - JavaScript weight: every script the vote page loads on a first visit (the entry, its static
 *   imports and the route's chunks, recorded from the network), read back from the build and
 *   compressed with gzip and brotli (node:zlib, level 9 and 11, as a static server would
 *   precompress them). The target is held against gzip, which every browser accepts.
 * - Next-battle time: VOTES votes, each followed by Next once the next battle is prepared; the
 *   time from the page's performance mark 'arena:next' to 'arena:battle-shown' (both images of
 *   the new battle on screen), median and p90.
 *
 * The web app's e2e tests measure Next the same way (measureNextBattle from @arena/testing).
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { measureNextBattle } from '@arena/testing';
import { chromium, type Page } from 'playwright-core';
import { startEmbedded } from './embedded-server';
import { median, percentile, type BenchResult } from './harness';
import { ensureApiBuild, ROOT } from './spawn-api';

const WEB_BUILD = join(ROOT, 'apps/web/build');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VOTES = 20;
const JS_TARGET_KB = 120;
const NEXT_TARGET_MS = 100;
const STEP_TIMEOUT_MS = 30_000;
const FIRST_BATTLE_TIMEOUT_MS = 180_000;

/** Until the server answers its liveness probe. */
async function listening(base: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) })
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error('the embedded server did not start');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Bytes of one file under each encoding. */
function sizes(bytes: Buffer) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length,
  };
}

/** Waits until the battle on screen takes a vote (both images shown, viewing time passed). */
async function waitForVoteUnlocked(page: Page, timeout = STEP_TIMEOUT_MS): Promise<void> {
  await page.locator('[data-testid="vote-left"]:enabled').waitFor({ state: 'visible', timeout });
}

export async function benchWebVote(): Promise<BenchResult[]> {
  // Builds the API and the web app (a turbo cache hit when nothing changed).
  const began = performance.now();
  const lap = (what: string) =>
    console.error(`  web: ${what} at ${((performance.now() - began) / 1000).toFixed(1)} s`);
  ensureApiBuild();
  lap('built');
  if (!existsSync(join(WEB_BUILD, 'index.html'))) throw new Error(`no web build in ${WEB_BUILD}`);
  const server = await startEmbedded({
    // One scripted voter votes every few hundred milliseconds: limits and screening would stop it.
    env: { RATE_LIMIT: 'off', SCREENING: 'off', MIN_VIEW_MS: '0', LOG_LEVEL: 'warn' },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
  });
  try {
    const base = `http://127.0.0.1:${server.port}`;
    await listening(base);
    lap('server listening');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const scripts = new Set<string>();
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === base && request.resourceType() === 'script') scripts.add(url.pathname);
    });
    await page.goto(`${base}/vote/text-to-image`);
    // The page waits for the first challenges to open (the demo provider is still generating).
    await waitForVoteUnlocked(page, FIRST_BATTLE_TIMEOUT_MS);
    lap('first battle on screen');

    const total = { raw: 0, gzip: 0, brotli: 0 };
    for (const path of scripts) {
      const file = sizes(await readFile(join(WEB_BUILD, decodeURIComponent(path))));
      total.raw += file.raw;
      total.gzip += file.gzip;
      total.brotli += file.brotli;
    }
    const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

    const durations = await measureNextBattle(page, VOTES, {
      untilVoteUnlocked: () => waitForVoteUnlocked(page),
      untilRevealed: () =>
        page.getByTestId('reveal').waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS }),
    });
    lap(`${VOTES} votes timed`);
    const p50 = median(durations);
    const p90 = percentile(durations, 0.9);
    return [
      {
        id: 'web.vote-js',
        path: `vote page JavaScript at first visit, ${scripts.size} files, gzip`,
        unit: 'KB',
        better: 'lower',
        ours: [kb(total.gzip)],
        extra: { 'brotli KB': kb(total.brotli), 'uncompressed KB': kb(total.raw) },
        target: { text: `< ${JS_TARGET_KB} KB gzip`, met: kb(total.gzip) < JS_TARGET_KB },
      },
      {
        id: 'web.next-battle',
        path: `vote page, Next to both images of the next battle shown (Chromium, ${VOTES} votes)`,
        unit: 'ms p50',
        better: 'lower',
        ours: [Math.round(p50 * 10) / 10],
        extra: {
          'p90 ms': Math.round(p90 * 10) / 10,
          'max ms': Math.round(Math.max(...durations) * 10) / 10,
        },
        target: { text: `p50 < ${NEXT_TARGET_MS} ms on localhost`, met: p50 < NEXT_TARGET_MS },
      },
    ];
  } finally {
    await browser.close();
    await server.stop();
    await rm(server.dataDir, { recursive: true, force: true });
  }
}
