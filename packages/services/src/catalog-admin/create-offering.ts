import { createOfferingInput, type AdminOffering, type CreateOfferingInput } from '@arena/contract';
import { conflict, notFound } from '@arena/core';
import { models, offerings, providers } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { recordAudit } from '../operators/record-audit';
import { loadAdminOffering } from './admin-offerings';
import { conflictOnDuplicate } from './unique-violation';

const EXISTS = 'this model is already offered by this provider: change that offering';

/** Offers a model through a provider: the provider's id for it, prices and priority. */
export async function createOffering(
  ctx: Pick<ServiceContext, 'db'>,
  input: { operatorId: string | null; offering: CreateOfferingInput },
): Promise<AdminOffering> {
  const fields = createOfferingInput.parse(input.offering);
  return ctx.db
    .transaction(async (tx) => {
      const [model] = await tx
        .select({ id: models.id })
        .from(models)
        .where(eq(models.id, fields.modelId));
      if (!model) throw notFound('model_not_found', 'no such model');
      const [provider] = await tx
        .select({ id: providers.id })
        .from(providers)
        .where(eq(providers.id, fields.providerId));
      if (!provider) throw notFound('provider_not_found', 'no such provider');
      const [row] = await tx
        .insert(offerings)
        .values({
          modelId: fields.modelId,
          providerId: fields.providerId,
          providerModelId: fields.providerModelId,
          prices: fields.prices,
          pricingNotes: fields.pricingNotes ?? null,
          priority: fields.priority,
          enabled: fields.enabled,
        })
        .onConflictDoNothing({ target: [offerings.modelId, offerings.providerId] })
        .returning({ id: offerings.id });
      if (!row) throw conflict('offering_exists', EXISTS);
      const created = (await loadAdminOffering({ db: tx }, row.id))!;
      await recordAudit(
        { db: tx },
        {
          operatorId: input.operatorId,
          action: 'offering.create',
          subjectType: 'offering',
          subjectId: row.id,
          after: created,
        },
      );
      return created;
    })
    .catch(conflictOnDuplicate('offering_exists', EXISTS));
}
