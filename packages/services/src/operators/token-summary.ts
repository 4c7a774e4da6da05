import type { OperatorTokenSummary } from '@arena/contract';
import { notFound } from '@arena/core';
import { operators, operatorTokens } from '@arena/db';
import { desc, eq, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/** Tokens as the console lists them: everything but the hash. */
export async function selectTokenSummaries(
  ctx: Pick<ServiceContext, 'db'>,
  where?: SQL,
): Promise<OperatorTokenSummary[]> {
  const rows = await ctx.db
    .select({
      id: operatorTokens.id,
      operatorId: operatorTokens.operatorId,
      operatorName: operators.name,
      label: operatorTokens.label,
      createdAt: operatorTokens.createdAt,
      lastUsedAt: operatorTokens.lastUsedAt,
      expiresAt: operatorTokens.expiresAt,
      revokedAt: operatorTokens.revokedAt,
    })
    .from(operatorTokens)
    .innerJoin(operators, eq(operators.id, operatorTokens.operatorId))
    .where(where)
    .orderBy(desc(operatorTokens.createdAt), desc(operatorTokens.id));
  return rows.map((row) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  }));
}

export async function tokenSummary(
  ctx: Pick<ServiceContext, 'db'>,
  tokenId: string,
): Promise<OperatorTokenSummary> {
  const [token] = await selectTokenSummaries(ctx, eq(operatorTokens.id, tokenId));
  if (!token) throw notFound('operator_token_not_found', 'no such operator token');
  return token;
}
