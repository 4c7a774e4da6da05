import type { AuditPage } from '@arena/contract';
import { auditLog, operators } from '@arena/db';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/**
 * One page of the audit log, newest first, optionally one operator's or one action's. Pages
 * go by id (keyset), so entries written meanwhile never shift a page.
 */
export async function listAudit(
  ctx: Pick<ServiceContext, 'db'>,
  input: { operatorId?: string; action?: string; before?: number; limit: number },
): Promise<AuditPage> {
  const filters: SQL[] = [];
  if (input.operatorId) filters.push(eq(auditLog.operatorId, input.operatorId));
  if (input.action) filters.push(eq(auditLog.action, input.action));
  if (input.before !== undefined) filters.push(lt(auditLog.id, input.before));
  const rows = await ctx.db
    .select({
      id: auditLog.id,
      operatorId: auditLog.operatorId,
      operatorName: operators.name,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      before: auditLog.before,
      after: auditLog.after,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(operators, eq(operators.id, auditLog.operatorId))
    .where(filters.length > 0 ? and(...filters) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    entries: page.map(({ details, ...row }) => ({
      ...row,
      // Rows written before audit kept before/after carry their facts in `details`.
      after: row.after ?? details ?? null,
      before: row.before ?? null,
      createdAt: row.createdAt.toISOString(),
    })),
    nextBefore: rows.length > input.limit ? page[page.length - 1]!.id : null,
  };
}
