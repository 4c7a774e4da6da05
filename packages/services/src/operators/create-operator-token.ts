import type { OperatorRole } from '@arena/db';
import { operators } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { issueTokenIn } from './issue-operator-token';
import { recordAudit } from './record-audit';

/**
 * `pnpm arena operator create NAME [--role R]`: the operator (created if new, its role set
 * when one is given) and a new token for them, in one transaction: nothing half-written. The
 * token is returned once, never stored.
 */
export async function createOperatorToken(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { name: string; label?: string; role?: OperatorRole },
): Promise<{ operatorId: string; token: string }> {
  return ctx.db.transaction(async (tx) => {
    const operatorId = await upsertOperator(tx, input);
    const issued = await issueTokenIn(
      { db: tx, now: ctx.now },
      { operatorId, label: input.label, actorId: null },
    );
    return { operatorId, token: issued.secret };
  });
}

/** The operator by name, created if new; its role changed when one is given. */
async function upsertOperator(
  tx: ServiceContext['db'],
  input: { name: string; role?: OperatorRole },
): Promise<string> {
  const [created] = await tx
    .insert(operators)
    .values({ name: input.name, role: input.role ?? 'admin' })
    .onConflictDoNothing({ target: operators.name })
    .returning();
  if (created) {
    await recordAudit(
      { db: tx },
      {
        operatorId: null,
        action: 'operator.create',
        subjectType: 'operator',
        subjectId: created.id,
        after: { name: created.name, role: created.role },
      },
    );
    return created.id;
  }
  const [existing] = await tx
    .select()
    .from(operators)
    .where(eq(operators.name, input.name))
    .for('update');
  if (input.role && input.role !== existing!.role) {
    await tx.update(operators).set({ role: input.role }).where(eq(operators.id, existing!.id));
    await recordAudit(
      { db: tx },
      {
        operatorId: null,
        action: 'operator.role',
        subjectType: 'operator',
        subjectId: existing!.id,
        before: { role: existing!.role },
        after: { role: input.role },
      },
    );
  }
  return existing!.id;
}
