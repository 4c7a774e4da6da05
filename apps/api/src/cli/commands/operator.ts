import { parseArgs } from 'node:util';
import { createOperatorToken } from '@arena/services';
import { UsageError } from '../usage-error';
import { withRuntime } from '../with-runtime';

export async function operatorCommand(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { label: { type: 'string' } },
  });
  const [verb, name] = positionals;
  if (verb !== 'create' || !name)
    throw new UsageError('usage: pnpm arena operator create NAME [--label TEXT]');
  const { token } = await withRuntime((runtime) =>
    createOperatorToken(runtime.ctx, { name, label: values.label }),
  );
  // The token is shown once; only its hash is stored.
  console.log(token);
}
