import { readFile } from 'node:fs/promises';
import { DEFAULT_CATALOG_FILE } from '../default-catalog';
import { catalogSchema, type Catalog } from './catalog-schema';

export class CatalogError extends Error {
  override name = 'CatalogError';
}

export async function loadCatalog(path = DEFAULT_CATALOG_FILE): Promise<Catalog> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CatalogError(`cannot read catalog ${path}: ${(error as Error).message}`);
  }
  const parsed = catalogSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new CatalogError(`catalog ${path} is invalid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
