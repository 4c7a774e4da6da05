import { unauthorized } from '@arena/core';
import { operators, operatorSessions, operatorTokens, type OperatorRole } from '@arena/db';
import { and, eq, lt } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { csrfTokenOf, hashSessionId } from './session-secrets';

export interface SessionOperator {
  id: string;
  name: string;
  role: OperatorRole;
  sessionRowId: string;
  csrfHash: string;
  /** Derived from the session id again, for `GET /api/admin/session`. */
  csrfToken: string;
  expiresAt: Date;
}

/** `last_seen_at` is written at most this often per session, not on every request. */
const SEEN_EVERY_MS = 60_000;

/**
 * The operator behind a console session cookie. Refused when the session is unknown, ended or
 * expired, or when the token it was opened with has been revoked or has expired since.
 */
export async function authenticateOperatorSession(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { sessionId: string },
): Promise<SessionOperator> {
  const now = ctx.now();
  const [row] = await ctx.db
    .select({
      id: operators.id,
      name: operators.name,
      role: operators.role,
      sessionRowId: operatorSessions.id,
      csrfHash: operatorSessions.csrfHash,
      expiresAt: operatorSessions.expiresAt,
      revokedAt: operatorSessions.revokedAt,
      tokenRevokedAt: operatorTokens.revokedAt,
      tokenExpiresAt: operatorTokens.expiresAt,
      lastSeenAt: operatorSessions.lastSeenAt,
    })
    .from(operatorSessions)
    .innerJoin(operators, eq(operators.id, operatorSessions.operatorId))
    .leftJoin(operatorTokens, eq(operatorTokens.id, operatorSessions.tokenId))
    .where(eq(operatorSessions.sessionHash, hashSessionId(input.sessionId)));
  if (
    !row ||
    row.revokedAt !== null ||
    row.expiresAt <= now ||
    row.tokenRevokedAt !== null ||
    (row.tokenExpiresAt !== null && row.tokenExpiresAt <= now)
  ) {
    throw unauthorized('operator_session_invalid', 'the console session has ended: sign in again');
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= SEEN_EVERY_MS) {
    await ctx.db
      .update(operatorSessions)
      .set({ lastSeenAt: now })
      .where(and(eq(operatorSessions.id, row.sessionRowId), lt(operatorSessions.lastSeenAt, now)));
  }
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    sessionRowId: row.sessionRowId,
    csrfHash: row.csrfHash,
    csrfToken: csrfTokenOf(input.sessionId),
    expiresAt: row.expiresAt,
  };
}
