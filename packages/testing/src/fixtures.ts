import { fileURLToPath } from 'node:url';

/** A small catalog for tests: four demo models with known strengths, two arenas. */
export const TEST_CATALOG_FILE = fileURLToPath(
  new URL('../fixtures/test-catalog.json', import.meta.url),
);

/** Which database a test runs on: a Postgres clone of the template, or PGlite in a folder. */
export type TestDriver = 'postgres' | 'pglite';
