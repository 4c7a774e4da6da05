import { randomBytes } from 'node:crypto';
import { operators, operatorTokens } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { hashOperatorToken, OPERATOR_TOKEN_PREFIX } from './operator-token';

/** Creates an operator (if new) and a token for them. The token is returned once, never stored. */
export async function createOperatorToken(
  ctx: Pick<ServiceContext, 'db'>,
  input: { name: string; label?: string },
): Promise<{ operatorId: string; token: string }> {
  const token = OPERATOR_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return ctx.db.transaction(async (tx) => {
    await tx.insert(operators).values({ name: input.name }).onConflictDoNothing();
    const [operator] = await tx.select().from(operators).where(eq(operators.name, input.name));
    await tx.insert(operatorTokens).values({
      operatorId: operator!.id,
      tokenHash: hashOperatorToken(token),
      label: input.label ?? null,
    });
    return { operatorId: operator!.id, token };
  });
}
