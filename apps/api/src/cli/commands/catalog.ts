import { parseArgs } from 'node:util';
import { DEFAULT_CATALOG_FILE, loadCatalog, syncCatalog } from '@arena/services';
import { resolve } from 'node:path';
import { UsageError } from '../usage-error';
import { withRuntime } from '../with-runtime';

export async function catalogCommand(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { file: { type: 'string' }, force: { type: 'boolean' } },
  });
  if (positionals[0] !== 'sync')
    throw new UsageError('usage: pnpm arena catalog sync [--file catalog.json] [--force]');
  const file = values.file
    ? resolve(values.file)
    : (process.env.CATALOG_FILE ?? DEFAULT_CATALOG_FILE);
  const catalog = await loadCatalog(file);
  // Rows edited in the console are kept (and listed under `kept`) unless --force.
  const result = await withRuntime((runtime) =>
    syncCatalog(runtime.ctx, { catalog, catalogFile: file, force: values.force ?? false }),
  );
  console.log(JSON.stringify(result));
}
