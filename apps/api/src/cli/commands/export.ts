import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { resolveSessionSecret } from '@arena/runtime';
import { EXPORT_FORMATS, type ExportFormat } from '@arena/core';
import { exportSalt, exportVotes } from '@arena/services';
import { UsageError } from '../usage-error';
import { withRuntime } from '../with-runtime';

const USAGE = 'usage: pnpm arena export votes [--format jsonl|csv] --out FILE  (FILE - for stdout)';

/** `pnpm arena export votes`: the open-data export of every counted vote, to a file. */
export async function exportCommand(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'jsonl' }, out: { type: 'string' } },
  });
  const format = values.format as ExportFormat;
  if (positionals[0] !== 'votes' || !values.out || !EXPORT_FORMATS.includes(format)) {
    throw new UsageError(USAGE);
  }
  const out = values.out;
  await withRuntime(async (runtime, config) => {
    // The same key as the server's export, so hashes agree between the two.
    const salt = exportSalt(runtime.ctx, { sessionSecret: await resolveSessionSecret(config) });
    const chunks = Readable.from(exportVotes(runtime.ctx, { format, salt }));
    if (out === '-') await pipeline(chunks, process.stdout, { end: false });
    else await pipeline(chunks, createWriteStream(out));
  });
  if (out !== '-') console.error(`votes exported to ${out}`);
}
