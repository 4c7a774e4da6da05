import type { OperatorTokenSummary } from '@arena/contract';
import { operatorSessions, operatorTokens } from '@arena/db';
import { and, eq, isNull } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { recordAudit } from './record-audit';
import { tokenSummary } from './token-summary';

/**
 * Revokes a token, and ends every console session opened with it, in one transaction.
 * Revoking a revoked token changes nothing (and logs nothing).
 */
export async function revokeOperatorToken(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { tokenId: string; actorId: string | null },
): Promise<OperatorTokenSummary> {
  return ctx.db.transaction(async (tx) => {
    const before = await tokenSummary({ db: tx }, input.tokenId);
    if (before.revokedAt) return before;
    const now = ctx.now();
    await tx
      .update(operatorTokens)
      .set({ revokedAt: now })
      .where(eq(operatorTokens.id, input.tokenId));
    const sessions = await tx
      .update(operatorSessions)
      .set({ revokedAt: now })
      .where(and(eq(operatorSessions.tokenId, input.tokenId), isNull(operatorSessions.revokedAt)))
      .returning({ id: operatorSessions.id });
    const after = await tokenSummary({ db: tx }, input.tokenId);
    await recordAudit(
      { db: tx },
      {
        operatorId: input.actorId,
        action: 'token.revoke',
        subjectType: 'operator_token',
        subjectId: input.tokenId,
        before,
        after: { ...after, sessionsEnded: sessions.length },
      },
    );
    return after;
  });
}
