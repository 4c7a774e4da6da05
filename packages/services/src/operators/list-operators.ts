import type { OperatorSummary } from '@arena/contract';
import { operators, operatorTokens } from '@arena/db';
import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/** Every operator, oldest first, with how many of their tokens still work. */
export async function listOperators(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
): Promise<OperatorSummary[]> {
  const now = ctx.now();
  const rows = await ctx.db
    .select({
      id: operators.id,
      name: operators.name,
      role: operators.role,
      createdAt: operators.createdAt,
      activeTokens: sql<number>`count(${operatorTokens.id})`.mapWith(Number),
    })
    .from(operators)
    .leftJoin(
      operatorTokens,
      and(
        eq(operatorTokens.operatorId, operators.id),
        isNull(operatorTokens.revokedAt),
        or(isNull(operatorTokens.expiresAt), gt(operatorTokens.expiresAt, now)),
      ),
    )
    .groupBy(operators.id)
    .orderBy(asc(operators.createdAt), asc(operators.name));
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}
