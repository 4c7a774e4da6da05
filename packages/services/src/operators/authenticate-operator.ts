import { unauthorized } from '@arena/core';
import { operators, operatorTokens } from '@arena/db';
import { and, eq, isNull } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { hashOperatorToken, OPERATOR_TOKEN_PREFIX } from './operator-token';

export interface Operator {
  id: string;
  name: string;
}

/** The operator a bearer token belongs to; refused when unknown or revoked. */
export async function authenticateOperator(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { token: string | undefined },
): Promise<Operator> {
  const { token } = input;
  if (!token || !token.startsWith(OPERATOR_TOKEN_PREFIX)) {
    throw unauthorized('operator_token_required', 'an operator bearer token is required');
  }
  const [row] = await ctx.db
    .select({ id: operators.id, name: operators.name, tokenId: operatorTokens.id })
    .from(operatorTokens)
    .innerJoin(operators, eq(operators.id, operatorTokens.operatorId))
    .where(
      and(eq(operatorTokens.tokenHash, hashOperatorToken(token)), isNull(operatorTokens.revokedAt)),
    );
  if (!row)
    throw unauthorized('operator_token_invalid', 'the operator token is unknown or revoked');
  await ctx.db
    .update(operatorTokens)
    .set({ lastUsedAt: ctx.now() })
    .where(eq(operatorTokens.id, row.tokenId));
  return { id: row.id, name: row.name };
}
