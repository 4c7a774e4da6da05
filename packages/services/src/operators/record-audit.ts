import { auditLog } from '@arena/db';
import type { ServiceContext } from '../context';

export interface AuditRecord {
  /** Null for the CLI, which acts as nobody in particular. */
  operatorId: string | null;
  /** `domain.verb`, e.g. `challenge.launch`, `token.revoke`. */
  action: string;
  subjectType: string;
  subjectId: string | null;
  /** The subject before the action and after it (null where it did not exist). */
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one row to the audit log. Called inside the write's own transaction (pass
 * `{ ...ctx, db: tx }`), so an action is logged exactly when it happened. Never put a secret
 * (a token, a session id) into `before` or `after`.
 */
export async function recordAudit(
  ctx: Pick<ServiceContext, 'db'>,
  input: AuditRecord,
): Promise<void> {
  await ctx.db.insert(auditLog).values({
    operatorId: input.operatorId,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    before: toJson(input.before),
    after: toJson(input.after),
  });
}

/** Dates as ISO strings and undefined as null, as JSON holds them. */
function toJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value)) as unknown;
}
