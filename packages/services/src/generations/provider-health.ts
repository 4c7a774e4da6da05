import { generationTries, type Database } from '@arena/db';
import { and, gt, ne, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { NOT_PROVIDER_FAULTS } from './try-errors';

export interface ProviderHealth {
  samples: number;
  successRate: number;
  /** Median time of successful calls; undefined without any. */
  p50Ms?: number;
}

export const HEALTH_WINDOW_MINUTES = 15;
const CACHE_MS = 10_000;

/** Per database, so tests with several databases in one process stay apart. */
const cache = new WeakMap<Database, { at: number; health: Map<string, ProviderHealth> }>();

/**
 * Recent health of every provider: success rate and median latency over the last minutes of
 * finished tries, all models together (outages are provider-wide). Cached briefly per
 * process, since every generation job consults it.
 */
export async function loadProviderHealth(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
): Promise<Map<string, ProviderHealth>> {
  const now = ctx.now().getTime();
  const cached = cache.get(ctx.db);
  if (cached && now - cached.at < CACHE_MS) return cached.health;
  const since = new Date(now - HEALTH_WINDOW_MINUTES * 60_000);
  const rows = await ctx.db
    .select({
      providerId: generationTries.providerId,
      samples: sql<number>`count(*)`.mapWith(Number),
      succeeded:
        sql<number>`count(*) filter (where ${generationTries.outcome} = 'succeeded')`.mapWith(
          Number,
        ),
      p50: sql<
        number | null
      >`percentile_cont(0.5) within group (order by ${generationTries.latencyMs}) filter (where ${generationTries.outcome} = 'succeeded')`,
    })
    .from(generationTries)
    .where(
      and(
        gt(generationTries.startedAt, since),
        ne(generationTries.outcome, 'running'),
        sql`coalesce(${generationTries.errorClass}, '') not in (${sql.join(
          NOT_PROVIDER_FAULTS.map((c) => sql`${c}`),
          sql`, `,
        )})`,
      ),
    )
    .groupBy(generationTries.providerId);
  const health = new Map<string, ProviderHealth>();
  for (const row of rows) {
    health.set(row.providerId, {
      samples: row.samples,
      successRate: row.samples > 0 ? row.succeeded / row.samples : 1,
      p50Ms: row.p50 === null ? undefined : Number(row.p50),
    });
  }
  cache.set(ctx.db, { at: now, health });
  return health;
}
