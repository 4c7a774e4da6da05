import type { AdminOffering } from '@arena/contract';
import { models, offerings, providers } from '@arena/db';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { iso } from './unique-violation';

/** Offerings with their model and provider named, by model then priority; `where` narrows. */
export async function loadAdminOfferings(
  ctx: Pick<ServiceContext, 'db'>,
  where?: SQL,
): Promise<AdminOffering[]> {
  const rows = await ctx.db
    .select({
      offering: offerings,
      model: { id: models.id, slug: models.slug, name: models.name },
      provider: { id: providers.id, slug: providers.slug, name: providers.name },
    })
    .from(offerings)
    .innerJoin(models, eq(models.id, offerings.modelId))
    .innerJoin(providers, eq(providers.id, offerings.providerId))
    .where(where)
    .orderBy(asc(models.name), asc(offerings.priority), asc(providers.slug));
  return rows.map(({ offering, model, provider }) => ({
    id: offering.id,
    model,
    provider,
    providerModelId: offering.providerModelId,
    prices: offering.prices,
    pricingNotes: offering.pricingNotes,
    priority: offering.priority,
    enabled: offering.enabled,
    createdAt: iso(offering.createdAt),
    updatedAt: iso(offering.updatedAt),
  }));
}

export async function loadAdminOffering(
  ctx: Pick<ServiceContext, 'db'>,
  offeringId: string,
): Promise<AdminOffering | undefined> {
  return (await loadAdminOfferings(ctx, eq(offerings.id, offeringId)))[0];
}

/** Offerings for the console's table, of one model or one provider if asked. */
export async function listAdminOfferings(
  ctx: Pick<ServiceContext, 'db'>,
  input: { modelId?: string; providerId?: string } = {},
): Promise<AdminOffering[]> {
  const conditions: SQL[] = [];
  if (input.modelId) conditions.push(eq(offerings.modelId, input.modelId));
  if (input.providerId) conditions.push(eq(offerings.providerId, input.providerId));
  return loadAdminOfferings(ctx, conditions.length > 0 ? and(...conditions) : undefined);
}
