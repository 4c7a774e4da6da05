import type { IssuedOperatorToken } from '@arena/contract';
import { invalid, notFound } from '@arena/core';
import { operators, operatorTokens } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { hashOperatorToken, newOperatorToken } from './operator-token';
import { recordAudit } from './record-audit';
import { tokenSummary } from './token-summary';

export interface IssueTokenInput {
  operatorId: string;
  label?: string;
  expiresAt?: string | null;
  /** Who issues it: null for the CLI. */
  actorId: string | null;
}

/**
 * A new token for an operator. The token itself is returned this once and stored only as its
 * SHA-256 hash; the audit row names the token by id.
 */
export async function issueOperatorToken(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: IssueTokenInput,
): Promise<IssuedOperatorToken> {
  return ctx.db.transaction((tx) => issueTokenIn({ db: tx, now: ctx.now }, input));
}

/** The same, inside the caller's transaction (`ctx.db` is one). */
export async function issueTokenIn(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: IssueTokenInput,
): Promise<IssuedOperatorToken> {
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= ctx.now()) {
    throw invalid('token_expiry_past', 'expiresAt must be in the future');
  }
  const [operator] = await ctx.db
    .select({ id: operators.id })
    .from(operators)
    .where(eq(operators.id, input.operatorId));
  if (!operator) throw notFound('operator_not_found', 'no such operator');
  const secret = newOperatorToken();
  const [row] = await ctx.db
    .insert(operatorTokens)
    .values({
      operatorId: operator.id,
      tokenHash: hashOperatorToken(secret),
      label: input.label ?? null,
      expiresAt,
    })
    .returning({ id: operatorTokens.id });
  const token = await tokenSummary(ctx, row!.id);
  await recordAudit(ctx, {
    operatorId: input.actorId,
    action: 'token.create',
    subjectType: 'operator_token',
    subjectId: token.id,
    before: null,
    after: token,
  });
  return { token, secret };
}
