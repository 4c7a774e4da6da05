import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { OPENAPI_PATH } from '@arena/contract';
import type { Hono } from 'hono';
import type { AppEnv } from '../env';

/** The interactive API reference (Swagger UI), served from this origin: no CDN. */
export const API_DOCS_PATH = '/api/docs';

/** swagger-ui-dist's prebuilt files, found beside this package's dependencies. */
const SWAGGER_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const ASSETS: Record<string, { file: string; type: string }> = {
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
};

/**
 * No inline script, so the API's strict Content-Security-Policy holds here too: the start-up
 * code is a file of its own. The validator badge (an image from another host) is off.
 */
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Arena API reference</title>
<link rel="icon" href="/favicon.svg">
<link rel="stylesheet" href="${API_DOCS_PATH}/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="${API_DOCS_PATH}/swagger-ui-bundle.js"></script>
<script src="${API_DOCS_PATH}/start.js"></script>
</body>
</html>
`;

const START = `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(OPENAPI_PATH)},
  dom_id: '#docs',
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
`;

/** Serves the reference page, its start-up script and Swagger UI's files (read once). */
export function mountApiDocs(app: Hono<AppEnv>) {
  const cache = new Map<string, Buffer>();
  const read = (file: string) => {
    let bytes = cache.get(file);
    if (!bytes) cache.set(file, (bytes = readFileSync(join(SWAGGER_DIR, file))));
    return bytes;
  };
  app.get(API_DOCS_PATH, (c) => c.html(PAGE));
  app.get(`${API_DOCS_PATH}/start.js`, (c) =>
    c.body(START, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
  );
  app.get(`${API_DOCS_PATH}/:asset`, async (c, next) => {
    const asset = ASSETS[c.req.param('asset')];
    if (!asset) return next();
    return c.body(read(asset.file) as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': asset.type,
      'Cache-Control': 'public, max-age=3600',
    });
  });
}
