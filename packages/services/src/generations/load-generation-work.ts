import { challenges, generations, generationTries, models, offerings, providers } from '@arena/db';
import { and, asc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/** Everything the generation handler needs about one generation. */
export async function loadGenerationWork(
  ctx: Pick<ServiceContext, 'db'>,
  input: { generationId: string },
) {
  const { generationId } = input;
  const [row] = await ctx.db
    .select({ generation: generations, challenge: challenges, model: models })
    .from(generations)
    .innerJoin(challenges, eq(challenges.id, generations.challengeId))
    .innerJoin(models, eq(models.id, generations.modelId))
    .where(eq(generations.id, generationId));
  if (!row) return undefined;
  const routes = await ctx.db
    .select({ offering: offerings, provider: providers })
    .from(offerings)
    .innerJoin(providers, eq(providers.id, offerings.providerId))
    .where(and(eq(offerings.modelId, row.model.id), eq(offerings.enabled, true)))
    .orderBy(asc(offerings.priority), asc(providers.slug));
  const tries = await ctx.db
    .select()
    .from(generationTries)
    .where(eq(generationTries.generationId, generationId))
    .orderBy(asc(generationTries.tryNo));
  return { ...row, routes, tries };
}

export type GenerationWork = NonNullable<Awaited<ReturnType<typeof loadGenerationWork>>>;
export type Route = GenerationWork['routes'][number];
export type TryRow = GenerationWork['tries'][number];
