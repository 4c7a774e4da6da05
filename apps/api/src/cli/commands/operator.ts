import { parseArgs } from 'node:util';
import { OPERATOR_ROLES, type OperatorRole } from '@arena/db';
import { createOperatorToken } from '@arena/services';
import { UsageError } from '../usage-error';
import { withRuntime } from '../with-runtime';

const USAGE = 'usage: pnpm arena operator create NAME [--role admin|moderator] [--label TEXT]';
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * `operator create NAME`: the operator (new, or an existing one, whose role `--role` changes)
 * and a new token, printed once: only its SHA-256 hash is stored.
 */
export async function operatorCommand(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { label: { type: 'string' }, role: { type: 'string' } },
  });
  const [verb, name, ...rest] = positionals;
  if (verb !== 'create' || !name || rest.length > 0) throw new UsageError(USAGE);
  if (!NAME.test(name)) throw new UsageError(`not an operator name: ${name}\n${USAGE}`);
  const role = values.role as OperatorRole | undefined;
  if (role !== undefined && !OPERATOR_ROLES.includes(role)) {
    throw new UsageError(`--role is admin or moderator, not ${role}`);
  }
  const { token } = await withRuntime((runtime) =>
    createOperatorToken(runtime.ctx, { name, label: values.label, role }),
  );
  console.log(token);
}
