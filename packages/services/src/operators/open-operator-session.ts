import type { OperatorRole } from '@arena/db';
import { operatorSessions, operatorTokens } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { authenticateOperator } from './authenticate-operator';
import { recordAudit } from './record-audit';
import { csrfTokenOf, hashCsrfToken, hashSessionId, newSessionId } from './session-secrets';

export interface OpenedSession {
  /** Goes into the cookie; the database has only its hash. */
  sessionId: string;
  csrfToken: string;
  operator: { id: string; name: string; role: OperatorRole };
  expiresAt: Date;
}

/**
 * Console login: a valid token is exchanged for a session that lasts `ttlMs`, or until the
 * token expires if that comes first. Revoking the token ends the session.
 */
export async function openOperatorSession(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { token: string; ttlMs: number },
): Promise<OpenedSession> {
  const operator = await authenticateOperator(ctx, { token: input.token });
  const now = ctx.now();
  const [token] = await ctx.db
    .select({ expiresAt: operatorTokens.expiresAt })
    .from(operatorTokens)
    .where(eq(operatorTokens.id, operator.tokenId));
  const limit = now.getTime() + input.ttlMs;
  const expiresAt = new Date(Math.min(limit, token?.expiresAt?.getTime() ?? limit));
  const sessionId = newSessionId();
  const csrfToken = csrfTokenOf(sessionId);
  await ctx.db.transaction(async (tx) => {
    const [session] = await tx
      .insert(operatorSessions)
      .values({
        operatorId: operator.id,
        tokenId: operator.tokenId,
        sessionHash: hashSessionId(sessionId),
        csrfHash: hashCsrfToken(csrfToken),
        lastSeenAt: now,
        expiresAt,
      })
      .returning({ id: operatorSessions.id });
    await recordAudit(
      { db: tx },
      {
        operatorId: operator.id,
        action: 'session.open',
        subjectType: 'operator_session',
        subjectId: session!.id,
        after: { tokenId: operator.tokenId, expiresAt },
      },
    );
  });
  const { id, name, role } = operator;
  return { sessionId, csrfToken, operator: { id, name, role }, expiresAt };
}
