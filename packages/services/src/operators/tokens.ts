import { createHash, randomBytes } from 'node:crypto';
import { unauthorized } from '@arena/core';
import { operators, operatorTokens } from '@arena/db';
import { and, eq, isNull } from 'drizzle-orm';
import type { ServiceContext } from '../context';

const TOKEN_PREFIX = 'arena_op_';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates an operator (if new) and a token for them. The token is returned once, never stored. */
export async function createOperatorToken(
  ctx: Pick<ServiceContext, 'db'>,
  input: { name: string; label?: string },
): Promise<{ operatorId: string; token: string }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return ctx.db.transaction(async (tx) => {
    await tx.insert(operators).values({ name: input.name }).onConflictDoNothing();
    const [operator] = await tx.select().from(operators).where(eq(operators.name, input.name));
    await tx.insert(operatorTokens).values({
      operatorId: operator!.id,
      tokenHash: hashToken(token),
      label: input.label ?? null,
    });
    return { operatorId: operator!.id, token };
  });
}

export interface Operator {
  id: string;
  name: string;
}

/** The operator a bearer token belongs to; refused when unknown or revoked. */
export async function authenticateOperator(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  token: string | undefined,
): Promise<Operator> {
  if (!token || !token.startsWith(TOKEN_PREFIX)) {
    throw unauthorized('operator_token_required', 'an operator bearer token is required');
  }
  const [row] = await ctx.db
    .select({ id: operators.id, name: operators.name, tokenId: operatorTokens.id })
    .from(operatorTokens)
    .innerJoin(operators, eq(operators.id, operatorTokens.operatorId))
    .where(and(eq(operatorTokens.tokenHash, hashToken(token)), isNull(operatorTokens.revokedAt)));
  if (!row)
    throw unauthorized('operator_token_invalid', 'the operator token is unknown or revoked');
  await ctx.db
    .update(operatorTokens)
    .set({ lastUsedAt: ctx.now() })
    .where(eq(operatorTokens.id, row.tokenId));
  return { id: row.id, name: row.name };
}
