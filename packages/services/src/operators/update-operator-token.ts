import type { OperatorTokenSummary } from '@arena/contract';
import { conflict, invalid } from '@arena/core';
import { operatorTokens } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { recordAudit } from './record-audit';
import { tokenSummary } from './token-summary';

/** Sets a token's expiry (a future instant) or clears it (null: until revoked). */
export async function setOperatorTokenExpiry(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { tokenId: string; expiresAt: string | null; actorId: string },
): Promise<OperatorTokenSummary> {
  const expiresAt = input.expiresAt === null ? null : new Date(input.expiresAt);
  if (expiresAt && expiresAt <= ctx.now()) {
    throw invalid('token_expiry_past', 'expiresAt must be in the future');
  }
  return ctx.db.transaction(async (tx) => {
    const before = await tokenSummary({ db: tx }, input.tokenId);
    if (before.revokedAt) throw conflict('operator_token_revoked', 'this token is revoked');
    await tx.update(operatorTokens).set({ expiresAt }).where(eq(operatorTokens.id, input.tokenId));
    const after = await tokenSummary({ db: tx }, input.tokenId);
    await recordAudit(
      { db: tx },
      {
        operatorId: input.actorId,
        action: 'token.expiry',
        subjectType: 'operator_token',
        subjectId: input.tokenId,
        before,
        after,
      },
    );
    return after;
  });
}
