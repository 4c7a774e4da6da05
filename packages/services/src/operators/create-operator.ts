import type { CreatedOperator, CreateOperatorInput } from '@arena/contract';
import { conflict } from '@arena/core';
import { operators } from '@arena/db';
import type { ServiceContext } from '../context';
import { issueTokenIn } from './issue-operator-token';
import { recordAudit } from './record-audit';

/** From the console: a new operator with a role, and a first token (shown once). */
export async function createOperator(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: CreateOperatorInput & { actorId: string },
): Promise<CreatedOperator> {
  return ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(operators)
      .values({ name: input.name, role: input.role })
      .onConflictDoNothing({ target: operators.name })
      .returning();
    if (!created) throw conflict('operator_exists', `an operator "${input.name}" already exists`);
    await recordAudit(
      { db: tx },
      {
        operatorId: input.actorId,
        action: 'operator.create',
        subjectType: 'operator',
        subjectId: created.id,
        before: null,
        after: { name: created.name, role: created.role },
      },
    );
    const token = await issueTokenIn(
      { db: tx, now: ctx.now },
      { operatorId: created.id, label: 'first token', actorId: input.actorId },
    );
    return {
      operator: {
        id: created.id,
        name: created.name,
        role: created.role,
        createdAt: created.createdAt.toISOString(),
        activeTokens: 1,
      },
      token,
    };
  });
}
