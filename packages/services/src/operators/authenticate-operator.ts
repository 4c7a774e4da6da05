import { unauthorized } from '@arena/core';
import { operators, operatorTokens, type OperatorRole } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { hashOperatorToken, OPERATOR_TOKEN_PREFIX } from './operator-token';

export interface Operator {
  id: string;
  name: string;
  role: OperatorRole;
  /** The token that authenticated this request. */
  tokenId: string;
}

/** The operator a bearer token belongs to; refused when unknown, revoked or expired. */
export async function authenticateOperator(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { token: string | undefined },
): Promise<Operator> {
  const { token } = input;
  if (!token || !token.startsWith(OPERATOR_TOKEN_PREFIX)) {
    throw unauthorized('operator_token_required', 'an operator bearer token is required');
  }
  const [row] = await ctx.db
    .select({
      id: operators.id,
      name: operators.name,
      role: operators.role,
      tokenId: operatorTokens.id,
      expiresAt: operatorTokens.expiresAt,
      revokedAt: operatorTokens.revokedAt,
    })
    .from(operatorTokens)
    .innerJoin(operators, eq(operators.id, operatorTokens.operatorId))
    .where(eq(operatorTokens.tokenHash, hashOperatorToken(token)));
  if (!row || row.revokedAt) {
    throw unauthorized('operator_token_invalid', 'the operator token is unknown or revoked');
  }
  const now = ctx.now();
  if (row.expiresAt && row.expiresAt <= now) {
    throw unauthorized('operator_token_expired', 'the operator token has expired');
  }
  await ctx.db
    .update(operatorTokens)
    .set({ lastUsedAt: now })
    .where(eq(operatorTokens.id, row.tokenId));
  return { id: row.id, name: row.name, role: row.role, tokenId: row.tokenId };
}
