import { ARENAS, OVERALL_SCOPE, type Arena, type FitRatings } from '@arena/core';
import { models } from '@arena/db';
import type { ServiceContext } from '../context';
import { latestSnapshot } from '../leaderboards/snapshot-reads';

/** Each arena's published overall fit, by model slug: what voters are judged against. */
export async function publishedFits(
  ctx: Pick<ServiceContext, 'db'>,
): Promise<Map<Arena, FitRatings>> {
  const slugRows = await ctx.db.select({ id: models.id, slug: models.slug }).from(models);
  const slug = new Map(slugRows.map((row) => [row.id, row.slug]));
  const fits = new Map<Arena, FitRatings>();
  for (const arena of ARENAS) {
    const snapshot = await latestSnapshot(ctx, { arena, scope: OVERALL_SCOPE });
    if (snapshot) {
      fits.set(arena, new Map(snapshot.rows.map((row) => [slug.get(row.modelId)!, row.rating])));
    }
  }
  return fits;
}
