import { updateProviderInput, type AdminProvider, type UpdateProviderInput } from '@arena/contract';
import { notFound } from '@arena/core';
import { providers } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { recordAudit } from '../operators/record-audit';
import { loadAdminProvider } from './admin-providers';
import { conflictOnDuplicate, sentFields } from './unique-violation';

const SLUG_TAKEN = 'a provider with this slug already exists';

/**
 * Changes the fields sent. Workers read a provider's row for every call, so a new limit, URL
 * or key variable applies to the next call.
 */
export async function updateProvider(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { operatorId: string | null; providerId: string; changes: UpdateProviderInput },
): Promise<AdminProvider> {
  const changes = sentFields(updateProviderInput.parse(input.changes));
  return ctx.db
    .transaction(async (tx) => {
      const before = await loadAdminProvider({ db: tx }, input.providerId);
      if (!before) throw notFound('provider_not_found', 'no such provider');
      await tx
        .update(providers)
        .set({ ...changes, updatedAt: ctx.now() })
        .where(eq(providers.id, input.providerId));
      const after = (await loadAdminProvider({ db: tx }, input.providerId))!;
      await recordAudit(
        { db: tx },
        {
          operatorId: input.operatorId,
          action: 'provider.update',
          subjectType: 'provider',
          subjectId: input.providerId,
          before,
          after,
        },
      );
      return after;
    })
    .catch(conflictOnDuplicate('slug_taken', SLUG_TAKEN));
}
