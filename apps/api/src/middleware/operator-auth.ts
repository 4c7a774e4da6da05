import { authenticateOperator, type ServiceContext } from '@arena/services';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';

/** `Bearer <token>`; the scheme name is case-insensitive (RFC 9110, section 11.1). */
const BEARER = /^bearer[ \t]+(\S+)[ \t]*$/i;

/** Operator routes take `Authorization: Bearer arena_op_...`. */
export function operatorAuth(ctx: ServiceContext) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
    const operator = await authenticateOperator(ctx, { token });
    c.set('operatorId', operator.id);
    await next();
  });
}
