import { operatorSessions } from '@arena/db';
import { and, eq, isNull } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { recordAudit } from './record-audit';

/** Console logout: the session ends at once (its cookie is worth nothing after). */
export async function closeOperatorSession(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { sessionRowId: string; operatorId: string },
): Promise<{ closed: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const ended = await tx
      .update(operatorSessions)
      .set({ revokedAt: ctx.now() })
      .where(and(eq(operatorSessions.id, input.sessionRowId), isNull(operatorSessions.revokedAt)))
      .returning({ id: operatorSessions.id });
    if (ended.length > 0) {
      await recordAudit(
        { db: tx },
        {
          operatorId: input.operatorId,
          action: 'session.close',
          subjectType: 'operator_session',
          subjectId: input.sessionRowId,
        },
      );
    }
    return { closed: ended.length > 0 };
  });
}
