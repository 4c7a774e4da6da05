import { notFound, type ResolutionTier } from '@arena/core';
import { generations, generationTries, models, offerings, providers } from '@arena/db';
import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { WORKER_LOST } from '../generations/try-errors';

export const PERFORMANCE_WINDOW_DAYS = 30;

export interface ProviderPerformance {
  /** Finished provider calls in the window. */
  requests: number;
  succeeded: number;
  successRate: number | null;
  /** Generation time of successful calls, milliseconds. */
  p50Ms: number | null;
  p95Ms: number | null;
  /** Time to first byte, successful calls. */
  ttfbP50Ms: number | null;
}

export interface ModelProvider {
  provider: { slug: string; name: string; kind: string };
  providerModelId: string;
  prices: Partial<Record<ResolutionTier, number>>;
  pricingNotes: string | null;
  priority: number;
  enabled: boolean;
  performance: ProviderPerformance;
}

const percentile = (
  fraction: number,
  column: typeof generationTries.latencyMs | typeof generationTries.ttfbMs,
) =>
  sql<
    number | null
  >`percentile_cont(${sql.raw(String(fraction))}) within group (order by ${column}) filter (where ${generationTries.outcome} = 'succeeded')`;

/**
 * "Providers & pricing" and "provider performance" of a model page: each offering with its
 * prices per tier, and over the last 30 days of calls p50 and p95 generation time, success
 * rate and p50 time to first byte, all computed in SQL.
 */
export async function getModelProviders(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { slug: string },
): Promise<{ model: { id: string; slug: string; name: string }; providers: ModelProvider[] }> {
  const [model] = await ctx.db
    .select({ id: models.id, slug: models.slug, name: models.name })
    .from(models)
    .where(eq(models.slug, input.slug));
  if (!model) throw notFound('model_not_found', `no model "${input.slug}"`);

  const since = new Date(ctx.now().getTime() - PERFORMANCE_WINDOW_DAYS * 86_400_000);
  const stats = await ctx.db
    .select({
      providerId: generationTries.providerId,
      requests: sql<number>`count(*)`.mapWith(Number),
      succeeded:
        sql<number>`count(*) filter (where ${generationTries.outcome} = 'succeeded')`.mapWith(
          Number,
        ),
      p50: percentile(0.5, generationTries.latencyMs),
      p95: percentile(0.95, generationTries.latencyMs),
      ttfbP50: percentile(0.5, generationTries.ttfbMs),
    })
    .from(generationTries)
    .innerJoin(generations, eq(generations.id, generationTries.generationId))
    .where(
      and(
        eq(generations.modelId, model.id),
        gt(generationTries.startedAt, since),
        ne(generationTries.outcome, 'running'),
        // A try cut short by our own worker dying is not a provider request outcome.
        sql`coalesce(${generationTries.errorClass}, '') <> ${WORKER_LOST}`,
      ),
    )
    .groupBy(generationTries.providerId);

  const rows = await ctx.db
    .select({ offering: offerings, provider: providers })
    .from(offerings)
    .innerJoin(providers, eq(providers.id, offerings.providerId))
    .where(eq(offerings.modelId, model.id))
    .orderBy(asc(offerings.priority), asc(providers.slug));

  const round = (value: number | null) => (value === null ? null : Math.round(Number(value)));
  return {
    model,
    providers: rows.map(({ offering, provider }) => {
      const s = stats.find((row) => row.providerId === provider.id);
      return {
        provider: { slug: provider.slug, name: provider.name, kind: provider.kind },
        providerModelId: offering.providerModelId,
        prices: offering.prices,
        pricingNotes: offering.pricingNotes,
        priority: offering.priority,
        enabled: offering.enabled && provider.enabled,
        performance: {
          requests: s?.requests ?? 0,
          succeeded: s?.succeeded ?? 0,
          successRate: s && s.requests > 0 ? s.succeeded / s.requests : null,
          p50Ms: round(s?.p50 ?? null),
          p95Ms: round(s?.p95 ?? null),
          ttfbP50Ms: round(s?.ttfbP50 ?? null),
        },
      };
    }),
  };
}
