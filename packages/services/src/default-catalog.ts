import { fileURLToPath } from 'node:url';

/**
 * The demo catalog shipped with the arena. Resolved from this file's URL, which sits directly
 * under src/ so that it resolves the same from the bundle (dist/index.js, one level deep too).
 */
export const DEFAULT_CATALOG_FILE = fileURLToPath(
  new URL('../../../catalog/catalog.json', import.meta.url),
);
