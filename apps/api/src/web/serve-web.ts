import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { ServiceContext } from '@arena/services';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { metaTags } from './page-meta';
import { servedPage, subjectLookup, type ServedPage } from './page-lookup';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** The app's index.html, read once (its inline bootstrap script is allowed by hash). */
export function readIndexHtml(webDir: string | undefined): string | undefined {
  const path = webDir && join(resolve(webDir), 'index.html');
  return path && existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

async function fileAt(path: string): Promise<Buffer | undefined> {
  try {
    if (!(await stat(path)).isFile()) return undefined;
    return await readFile(path);
  } catch {
    return undefined;
  }
}

/** Between these comments in app.html: the default title and description, replaced per page. */
const META = /<!--arena:meta-->[\s\S]*?<!--\/arena:meta-->/;
/** The static shell's root element (app.html): told which nav item to mark, which skeleton. */
const SHELL = /<div id="boot-shell"[^>]*>/;

/**
 * index.html for one page: its title, description and preview tags (crawlers run no script),
 * and the shell told which section and skeleton to show. An index.html without the markers
 * is sent as it is. The inline bootstrap script is not touched, so its CSP hash still holds.
 */
function pageHtml(index: string, page: ServedPage, origin: string, path: string): string {
  const section = page.route?.section ?? 'none';
  const skeleton = page.route?.skeleton ?? 'article';
  return index
    .replace(META, () => metaTags(page.meta, origin, path))
    .replace(
      SHELL,
      `<div id="boot-shell" class="boot-shell" data-section="${section}" data-skeleton="${skeleton}">`,
    );
}

/**
 * Serves the built single-page app: files as they are (hashed assets cached for a year), and
 * index.html for any other GET that is not an API call, so client-side routes work on reload.
 * Paths that are no page of the app, and pages of models or challenges that do not exist
 * (looked up through `ctx`), get the same index.html with a 404: the app shows its error page.
 */
export function serveWeb(
  webDir: string,
  ctx?: Pick<ServiceContext, 'db'>,
): MiddlewareHandler<AppEnv> {
  const root = resolve(webDir);
  const lookup = ctx && subjectLookup(ctx);
  return async (c, next) => {
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || c.req.path.startsWith('/api/')) {
      return next();
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(c.req.path);
    } catch {
      return next();
    }
    const relative = normalize(decoded).replace(/^([/\\])+/, '');
    const candidate = join(root, relative);
    if (candidate !== root && !candidate.startsWith(root + sep)) return next();
    const file = relative ? await fileAt(candidate) : undefined;
    if (file) {
      const immutable = relative.startsWith('_app/immutable/');
      return c.body(new Uint8Array(file), 200, {
        'Content-Type': TYPES[extname(candidate)] ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    if (extname(relative)) return next(); // a missing asset is a 404, not the app
    const index = await fileAt(join(root, 'index.html'));
    if (!index) return next();
    const page = await servedPage(decoded, lookup);
    const html = pageHtml(index.toString('utf8'), page, new URL(c.req.url).origin, c.req.path);
    return c.body(html, page.status, {
      'Content-Type': TYPES['.html']!,
      'Cache-Control': 'no-cache',
    });
  };
}
