import type { ModelSummary } from '@arena/contract';
import { models } from '@arena/db';
import { asc } from 'drizzle-orm';
import type { ServiceContext } from '../context';

export async function listModels(ctx: Pick<ServiceContext, 'db'>): Promise<ModelSummary[]> {
  const rows = await ctx.db.select().from(models).orderBy(asc(models.name));
  return rows.map((m) => ({
    id: m.id,
    slug: m.slug,
    name: m.name,
    creator: m.creator,
    arenas: m.arenas,
    modelRef: m.modelRef,
    releasedAt: m.releasedAt,
    active: m.active,
    retiredAt: m.retiredAt?.toISOString() ?? null,
  }));
}
