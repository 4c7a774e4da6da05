import { authenticateOperator, type ServiceContext } from '@arena/services';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';

/** Operator routes take `Authorization: Bearer arena_op_...`. */
export function operatorAuth(ctx: ServiceContext) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    const operator = await authenticateOperator(ctx, { token });
    c.set('operatorId', operator.id);
    await next();
  });
}
