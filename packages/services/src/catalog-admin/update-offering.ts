import { updateOfferingInput, type AdminOffering, type UpdateOfferingInput } from '@arena/contract';
import { notFound } from '@arena/core';
import { offerings } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { recordAudit } from '../operators/record-audit';
import { loadAdminOffering } from './admin-offerings';
import { sentFields } from './unique-violation';

/**
 * Changes the fields sent. Prices are replaced as a whole (a tier left out has no known
 * price); the cost of calls already made stays as it was recorded.
 */
export async function updateOffering(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { operatorId: string | null; offeringId: string; changes: UpdateOfferingInput },
): Promise<AdminOffering> {
  const changes = sentFields(updateOfferingInput.parse(input.changes));
  return ctx.db.transaction(async (tx) => {
    const before = await loadAdminOffering({ db: tx }, input.offeringId);
    if (!before) throw notFound('offering_not_found', 'no such offering');
    await tx
      .update(offerings)
      .set({ ...changes, updatedAt: ctx.now() })
      .where(eq(offerings.id, input.offeringId));
    const after = (await loadAdminOffering({ db: tx }, input.offeringId))!;
    await recordAudit(
      { db: tx },
      {
        operatorId: input.operatorId,
        action: 'offering.update',
        subjectType: 'offering',
        subjectId: input.offeringId,
        before,
        after,
      },
    );
    return after;
  });
}
