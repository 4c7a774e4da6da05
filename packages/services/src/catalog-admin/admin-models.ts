import type { AdminModel } from '@arena/contract';
import { models, offerings } from '@arena/db';
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { iso, isoOrNull } from './unique-violation';

type Model = typeof models.$inferSelect;

export function toAdminModel(model: Model, counts: AdminModel['offerings']): AdminModel {
  return {
    id: model.id,
    slug: model.slug,
    name: model.name,
    creator: model.creator,
    family: model.family,
    modelRef: model.modelRef,
    releasedAt: model.releasedAt,
    arenas: model.arenas,
    tags: model.tags,
    description: model.description,
    active: model.active,
    retiredAt: isoOrNull(model.retiredAt),
    offerings: counts,
    createdAt: iso(model.createdAt),
    updatedAt: iso(model.updatedAt),
  };
}

/** Models with their offering counts, by name; `where` narrows them (e.g. to one id). */
export async function loadAdminModels(
  ctx: Pick<ServiceContext, 'db'>,
  where?: SQL,
): Promise<AdminModel[]> {
  const rows = await ctx.db
    .select({
      model: models,
      total: sql<number>`count(${offerings.id})`.mapWith(Number),
      enabled: sql<number>`count(${offerings.id}) filter (where ${offerings.enabled})`.mapWith(
        Number,
      ),
    })
    .from(models)
    .leftJoin(offerings, eq(offerings.modelId, models.id))
    .where(where)
    .groupBy(models.id)
    .orderBy(asc(models.name), asc(models.slug));
  return rows.map((row) => toAdminModel(row.model, { total: row.total, enabled: row.enabled }));
}

export async function loadAdminModel(
  ctx: Pick<ServiceContext, 'db'>,
  modelId: string,
): Promise<AdminModel | undefined> {
  return (await loadAdminModels(ctx, eq(models.id, modelId)))[0];
}

/** Every model for the console's table, retired ones included. */
export async function listAdminModels(ctx: Pick<ServiceContext, 'db'>): Promise<AdminModel[]> {
  return loadAdminModels(ctx);
}
