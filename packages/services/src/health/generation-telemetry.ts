import { generations, generationTries, providers } from '@arena/db';
import { and, eq, gte, ne } from 'drizzle-orm';
import type { ServiceContext } from '../context';

export interface GenerationTelemetry {
  /** The provider calls that ended since `since`, by provider slug. */
  tries: Array<{
    provider: string;
    outcome: string;
    errorClass: string | null;
    latencyMs: number | null;
  }>;
  /** The generation when it ended since `since` (so the run that finished it reports it). */
  finished: { status: string; startedAt: Date | null; finishedAt: Date } | null;
}

/**
 * What one run of a generation job did, read back from its rows: the worker's metrics observe
 * generations through the data they leave (generation_tries), not through a hook inside the
 * generation flow. Two indexed reads on one generation's rows.
 */
export async function readGenerationTelemetry(
  ctx: Pick<ServiceContext, 'db'>,
  input: { generationId: string; since: Date },
): Promise<GenerationTelemetry> {
  const [tries, [generation]] = await Promise.all([
    ctx.db
      .select({
        provider: providers.slug,
        outcome: generationTries.outcome,
        errorClass: generationTries.errorClass,
        latencyMs: generationTries.latencyMs,
      })
      .from(generationTries)
      .innerJoin(providers, eq(providers.id, generationTries.providerId))
      .where(
        and(
          eq(generationTries.generationId, input.generationId),
          gte(generationTries.startedAt, input.since),
          ne(generationTries.outcome, 'running'),
        ),
      ),
    ctx.db
      .select({
        status: generations.status,
        startedAt: generations.startedAt,
        finishedAt: generations.finishedAt,
      })
      .from(generations)
      .where(eq(generations.id, input.generationId)),
  ]);
  const finishedAt = generation?.finishedAt;
  const ended = generation && finishedAt && finishedAt >= input.since;
  return {
    tries,
    finished: ended
      ? { status: generation.status, startedAt: generation.startedAt, finishedAt }
      : null,
  };
}
