import { isDomainError } from '@arena/core';
import { challenges, models } from '@arena/db';
import { asc, count, eq } from 'drizzle-orm';
import { launchChallenge } from '../challenges/launch-challenge';
import type { ServiceContext } from '../context';
import { DEFAULT_CATALOG_FILE } from '../default-catalog';
import { loadCatalog } from './load-catalog';
import { syncCatalog } from './sync-catalog';

/**
 * First start: an empty database gets the catalog, and its challenges are launched so the
 * arena is votable within a minute. Later starts leave the database to the operators.
 */
export async function seedCatalogIfEmpty(
  ctx: Pick<ServiceContext, 'db' | 'store' | 'queue' | 'logger' | 'now'>,
  input: { catalogFile?: string } = {},
): Promise<{ seeded: boolean; launched: number }> {
  const { catalogFile = DEFAULT_CATALOG_FILE } = input;
  const [existing] = await ctx.db.select({ n: count() }).from(models);
  if ((existing?.n ?? 0) > 0) return { seeded: false, launched: 0 };
  const catalog = await loadCatalog(catalogFile);
  await syncCatalog(ctx, { catalog, catalogFile });
  const drafts = await ctx.db
    .select({ id: challenges.id, arena: challenges.arena })
    .from(challenges)
    .where(eq(challenges.status, 'draft'))
    .orderBy(asc(challenges.createdAt));
  let launched = 0;
  // Jobs run in launch order: alternating arenas opens a first battle in each arena soonest.
  for (const draft of interleaveByArena(drafts)) {
    try {
      await launchChallenge(ctx, { challengeId: draft.id });
      launched += 1;
    } catch (error) {
      // Another process seeding at the same moment launched it first.
      if (!isDomainError(error) || error.code !== 'challenge_not_launchable') throw error;
    }
  }
  return { seeded: true, launched };
}

function interleaveByArena<T extends { arena: string }>(items: T[]): T[] {
  const queues = new Map<string, T[]>();
  for (const item of items) queues.set(item.arena, [...(queues.get(item.arena) ?? []), item]);
  const result: T[] = [];
  while (result.length < items.length) {
    for (const queue of queues.values()) {
      const next = queue.shift();
      if (next) result.push(next);
    }
  }
  return result;
}
