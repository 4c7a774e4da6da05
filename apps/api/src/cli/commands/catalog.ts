import { parseArgs } from 'node:util';
import { DEFAULT_CATALOG_FILE, loadCatalog, syncCatalog } from '@arena/services';
import { resolve } from 'node:path';
import { UsageError } from '../usage-error';
import { withRuntime } from '../with-runtime';

export async function catalogCommand(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { file: { type: 'string' } },
  });
  if (positionals[0] !== 'sync')
    throw new UsageError('usage: pnpm arena catalog sync [--file catalog.json]');
  const file = values.file
    ? resolve(values.file)
    : (process.env.CATALOG_FILE ?? DEFAULT_CATALOG_FILE);
  const catalog = await loadCatalog(file);
  const result = await withRuntime((runtime) =>
    syncCatalog(runtime.ctx, { catalog, catalogFile: file }),
  );
  console.log(JSON.stringify(result));
}
