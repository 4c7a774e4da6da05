import type { AdminProvider } from '@arena/contract';
import { offerings, providers } from '@arena/db';
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { iso } from './unique-violation';

/** Providers with their offering counts, by name; `where` narrows them. */
export async function loadAdminProviders(
  ctx: Pick<ServiceContext, 'db'>,
  where?: SQL,
): Promise<AdminProvider[]> {
  const rows = await ctx.db
    .select({
      provider: providers,
      offerings: sql<number>`count(${offerings.id})`.mapWith(Number),
    })
    .from(providers)
    .leftJoin(offerings, eq(offerings.providerId, providers.id))
    .where(where)
    .groupBy(providers.id)
    .orderBy(asc(providers.name), asc(providers.slug));
  return rows.map(({ provider, offerings: count }) => ({
    id: provider.id,
    slug: provider.slug,
    name: provider.name,
    kind: provider.kind,
    baseUrl: provider.baseUrl,
    apiKeyEnv: provider.apiKeyEnv,
    enabled: provider.enabled,
    concurrency: provider.concurrency,
    ratePerMinute: provider.ratePerMinute,
    offerings: count,
    createdAt: iso(provider.createdAt),
    updatedAt: iso(provider.updatedAt),
  }));
}

export async function loadAdminProvider(
  ctx: Pick<ServiceContext, 'db'>,
  providerId: string,
): Promise<AdminProvider | undefined> {
  return (await loadAdminProviders(ctx, eq(providers.id, providerId)))[0];
}

/** Every provider for the console's table. */
export async function listAdminProviders(
  ctx: Pick<ServiceContext, 'db'>,
): Promise<AdminProvider[]> {
  return loadAdminProviders(ctx);
}
