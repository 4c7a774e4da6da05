import type { AdminGeneration, FanOut, FanOutProgress } from '@arena/contract';
import { notFound } from '@arena/core';
import { challenges, generations, models, providers } from '@arena/db';
import { asc, eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { adminImageUrl } from '../images/admin-image';
import { loadAdminChallenges } from './admin-challenges';

type Ctx = Pick<ServiceContext, 'db'>;
const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

/** Every generation of a challenge, by model name then attempt: the console's grid. */
async function loadGenerations(ctx: Ctx, challengeId: string): Promise<AdminGeneration[]> {
  const rows = await ctx.db
    .select({
      generation: generations,
      model: { id: models.id, slug: models.slug, name: models.name },
      provider: { id: providers.id, slug: providers.slug, name: providers.name },
    })
    .from(generations)
    .innerJoin(models, eq(models.id, generations.modelId))
    .leftJoin(providers, eq(providers.id, generations.providerId))
    .where(eq(generations.challengeId, challengeId))
    .orderBy(asc(models.name), asc(models.id), asc(generations.attempt));
  return rows.map(({ generation: g, model, provider }) => ({
    id: g.id,
    model,
    attempt: g.attempt,
    status: g.status,
    provider: provider?.id ? provider : null,
    tries: g.tries,
    startedAt: isoOrNull(g.startedAt),
    finishedAt: isoOrNull(g.finishedAt),
    ttfbMs: g.ttfbMs,
    latencyMs: g.latencyMs,
    sizeRequested: g.sizeRequested,
    sizeUsed: g.sizeUsed,
    costUsd: g.costUsd,
    errorClass: g.errorClass,
    errorMessage: g.errorMessage,
    imageUrl: g.imageId ? adminImageUrl(g.imageId) : null,
    disqualifiedAt: isoOrNull(g.disqualifiedAt),
    updatedAt: g.updatedAt.toISOString(),
  }));
}

/** Nothing pending or running, and the challenge past generating (or it never launched). */
export function progressOf(
  status: FanOut['challenge']['status'],
  rows: readonly Pick<AdminGeneration, 'status'>[],
): FanOutProgress {
  const finished = rows.filter((g) => g.status === 'succeeded' || g.status === 'failed').length;
  const total = rows.length;
  const settled = status === 'voting' || status === 'closed' || status === 'failed';
  return {
    total,
    finished,
    percent: total === 0 ? 0 : Math.floor((finished / total) * 1000) / 10,
    done: settled && finished === total,
  };
}

/** A challenge's fan-out: the challenge, its progress, and every model x attempt. */
export async function readFanOut(ctx: Ctx, input: { challengeId: string }): Promise<FanOut> {
  const [challenge] = await loadAdminChallenges(ctx, eq(challenges.id, input.challengeId));
  if (!challenge) throw notFound('challenge_not_found', 'no such challenge');
  const rows = await loadGenerations(ctx, input.challengeId);
  return { challenge, progress: progressOf(challenge.status, rows), generations: rows };
}

/**
 * A cheap fingerprint of a fan-out (one indexed aggregate): it moves whenever the challenge's
 * status or any of its generations changes, so a live view re-reads the grid only then.
 */
export async function fanOutFingerprint(ctx: Ctx, input: { challengeId: string }) {
  const [row] = await ctx.db
    .select({
      fingerprint: sql<string>`concat_ws(':',
        (select ${challenges.status} || ${challenges.updatedAt}::text from ${challenges}
          where ${challenges.id} = ${input.challengeId}),
        count(*), sum(${generations.tries}), max(${generations.updatedAt})::text,
        count(*) filter (where ${generations.status} in ('succeeded', 'failed')),
        count(*) filter (where ${generations.disqualifiedAt} is not null))`,
    })
    .from(generations)
    .where(eq(generations.challengeId, input.challengeId));
  return row?.fingerprint ?? '';
}
