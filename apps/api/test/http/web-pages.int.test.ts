import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { challenges, models } from '@arena/db';
import { REPO_ROOT } from '@arena/testing';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../src/env';
import { APP_ROUTES } from '../../src/web/app-routes';
import { serveWeb } from '../../src/web/serve-web';
import { startVotableArena, type TestArena } from '../support/arena';

/** An index.html shaped like the built one: the markers app.html carries, and a bootstrap. */
const INDEX = `<!doctype html><html><head>
<!--arena:meta--><title>Arena</title><meta name="description" content="default" /><!--/arena:meta-->
</head><body><div style="display: contents">
<div id="boot-shell" class="boot-shell" data-section="vote" data-skeleton="vote"><header>shell</header></div>
<script>start()</script></div></body></html>`;

/** The routes folder's pages as SvelteKit route ids ("/models/[slug]"). */
async function routeIdsOnDisk(): Promise<string[]> {
  const root = join(REPO_ROOT, 'apps/web/src/routes');
  const entries = await readdir(root, { recursive: true });
  const pages = entries.filter((entry) => /(^|[/\\])\+page\.(svelte|ts)$/.test(entry));
  const ids = pages.map((page) => {
    const folder = relative(root, join(root, page, '..'));
    return `/${folder.split(sep).filter(Boolean).join('/')}`;
  });
  return [...new Set(ids)].sort();
}

const meta = (html: string, key: string) =>
  new RegExp(`<meta (?:name|property)="${key}" content="([^"]*)" />`).exec(html)?.[1];

/**
 * The web app's pages as served: 200 for its pages, 404 (with the same app page) for paths that
 * are none, and for models and challenges that do not exist; the title, description and preview
 * tags of each page in the HTML itself, escaped.
 */
describe('web pages', () => {
  let arena: TestArena;
  let webDir: string;
  let app: Hono<AppEnv>;
  let model: { slug: string; name: string };
  let challenge: { slug: string; title: string };

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    webDir = await mkdtemp(join(tmpdir(), 'arena-web-pages-'));
    await writeFile(join(webDir, 'index.html'), INDEX);
    app = new Hono<AppEnv>().use(serveWeb(webDir, arena.runtime.ctx));
    const db = arena.runtime.ctx.db;
    const [firstModel] = await db
      .select({ slug: models.slug, name: models.name })
      .from(models)
      .limit(1);
    const [openChallenge] = await db
      .select({ slug: challenges.slug, title: challenges.title })
      .from(challenges)
      .where(eq(challenges.status, 'voting'))
      .limit(1);
    if (!firstModel || !openChallenge)
      throw new Error('the test catalog has models and challenges');
    [model, challenge] = [firstModel, openChallenge];
  });
  afterAll(async () => {
    await arena?.close();
    if (webDir) await rm(webDir, { recursive: true, force: true });
  });

  it('knows every page of the routes folder, and no other', async () => {
    expect(APP_ROUTES.map((route) => route.id).sort()).toEqual(await routeIdsOnDisk());
  });

  it('answers 200 for the pages of the app', async () => {
    const paths = [
      '/',
      '/vote/image-editing',
      '/leaderboard',
      '/leaderboard/text-to-image',
      '/models',
      `/models/${model.slug}`,
      '/challenges',
      `/challenges/${challenge.slug}`,
      '/methodology',
      '/me',
      '/console/challenges/new',
      '/models/', // a trailing slash is the same page
    ];
    for (const path of paths) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    }
  });

  it('answers 404 with the app page for unknown routes, models, challenges and arenas', async () => {
    const paths = [
      '/does-not-exist',
      '/models/no-such-model',
      '/challenges/no-such-challenge',
      '/leaderboard/no-such-arena',
      '/vote/no-such-arena',
      '/models/a/b',
      `/models/${'x'.repeat(500)}`,
    ];
    for (const path of paths) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      const html = await response.text();
      // The same app shell, so the app shows its friendly page; marked as nothing to index.
      expect(html).toContain('<script>start()</script>');
      expect(html).toContain('<title>Not found · Arena</title>');
      expect(meta(html, 'robots')).toBe('noindex');
      expect(html).toContain('data-section="none"');
    }
    // HEAD answers the same status.
    expect((await app.request('/models/no-such-model', { method: 'HEAD' })).status).toBe(404);
  });

  it('still serves a model page when the database cannot be asked', async () => {
    const unreachable = {
      select: () => {
        throw new Error('connection refused');
      },
    };
    const down = new Hono<AppEnv>().use(serveWeb(webDir, { db: unreachable as never }));
    const response = await down.request('/models/any-model');
    // The app loads and says what failed; no page is claimed not to exist.
    expect(response.status).toBe(200);
    expect(meta(await response.text(), 'og:title')).toBe('Model · Arena');
  });

  it('does not show a draft challenge', async () => {
    const db = arena.runtime.ctx.db;
    await db.update(challenges).set({ status: 'draft' }).where(eq(challenges.slug, challenge.slug));
    try {
      // A fresh middleware: the served one remembers slugs for a few seconds.
      const fresh = new Hono<AppEnv>().use(serveWeb(webDir, arena.runtime.ctx));
      expect((await fresh.request(`/challenges/${challenge.slug}`)).status).toBe(404);
    } finally {
      await db
        .update(challenges)
        .set({ status: 'voting' })
        .where(eq(challenges.slug, challenge.slug));
    }
  });

  it("puts each page's title, description and preview tags into the HTML", async () => {
    const board = await (await app.request('http://arena.test/leaderboard/image-editing')).text();
    expect(board).toContain('<title>Image editing leaderboard · Arena</title>');
    expect(meta(board, 'og:title')).toBe('Image editing leaderboard · Arena');
    expect(meta(board, 'description')).toMatch(/blind pairwise votes in image editing/);
    expect(meta(board, 'og:description')).toBe(meta(board, 'description'));
    expect(meta(board, 'og:type')).toBe('website');
    expect(meta(board, 'og:url')).toBe('http://arena.test/leaderboard/image-editing');
    expect(meta(board, 'twitter:card')).toBe('summary');
    expect(board).toContain('data-section="leaderboard" data-skeleton="list"');
    // The default title and description are replaced, not repeated; the bootstrap is untouched.
    expect(board).not.toContain('content="default"');
    expect(board.match(/<title>/g)).toHaveLength(1);
    expect(board).toContain('<script>start()</script>');

    const page = await (await app.request(`/models/${model.slug}`)).text();
    expect(meta(page, 'og:title')).toBe(`${model.name} · Arena`);
    expect(meta(page, 'og:type')).toBe('article');

    const challengePage = await (await app.request(`/challenges/${challenge.slug}`)).text();
    expect(meta(challengePage, 'og:title')).toBe(`${challenge.title} · Arena`);
    expect(meta(challengePage, 'description')).toMatch(/^Open for voting · /);

    for (const [path, title] of [
      ['/models', 'Models · Arena'],
      ['/challenges', 'Challenges · Arena'],
      ['/methodology', 'How the ratings work · Arena'],
    ]) {
      expect(meta(await (await app.request(path!)).text(), 'og:title'), path).toBe(title);
    }
  });

  it("names an editing challenge's source image as its preview image", async () => {
    const db = arena.runtime.ctx.db;
    const [editing] = await db
      .select({ slug: challenges.slug, sourceImageId: challenges.sourceImageId })
      .from(challenges)
      .where(eq(challenges.arena, 'image-editing'))
      .limit(1);
    if (!editing?.sourceImageId) throw new Error('the test catalog has an editing challenge');
    const html = await (await app.request(`http://arena.test/challenges/${editing.slug}`)).text();
    const image = `http://arena.test/api/source-images/${editing.sourceImageId}`;
    expect(meta(html, 'og:image')).toBe(image);
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    // The image is really public at that address.
    const { createApp } = await import('../../src/app');
    const { TEST_SESSION_SECRET } = await import('../support/arena');
    const api = createApp({ ctx: arena.runtime.ctx, sessionSecret: TEST_SESSION_SECRET });
    expect((await api.request(image)).status).toBe(200);
  });

  it('escapes what it injects', async () => {
    const db = arena.runtime.ctx.db;
    const [target] = await db.select().from(models).where(eq(models.slug, model.slug));
    const evil = `Evil "</title><script>alert(1)</script> & <b>'x'</b>`;
    await db
      .update(models)
      .set({ name: evil, description: `A "quoted" <img src=x onerror=alert(1)> model` })
      .where(eq(models.slug, model.slug));
    try {
      const fresh = new Hono<AppEnv>().use(serveWeb(webDir, arena.runtime.ctx));
      const html = await (await fresh.request(`/models/${model.slug}?x="><script>`)).text();
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).not.toContain('<img src=x');
      expect(html).toContain(
        '<title>Evil &quot;&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;&#39;x&#39;&lt;/b&gt; · Arena</title>',
      );
      expect(meta(html, 'description')).toBe(
        'A &quot;quoted&quot; &lt;img src=x onerror=alert(1)&gt; model',
      );
      // Only the page's own script is in it.
      expect(html.match(/<script>/g)).toHaveLength(1);
    } finally {
      await db
        .update(models)
        .set({ name: target!.name, description: target!.description })
        .where(eq(models.slug, model.slug));
    }
  });
});
