import type { AttemptResult } from '@arena/contract';
import { generations, votes } from '@arena/db';
import { and, eq, inArray, isNotNull, isNull, not, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { voteOffBoards } from '../voters/exclusion';

type Ctx = Pick<ServiceContext, 'db'>;

/** Public URL of a published attempt's image (closed challenges only, see readResultImage). */
export const resultImageUrl = (imageId: string) => `/api/result-images/${imageId}`;

export interface AttemptRow {
  generationId: string;
  challengeId: string;
  modelId: string;
  attempt: number;
  imageId: string;
}

/**
 * The attempts that produced an image, of the given challenges (and model, if given). An image
 * a moderator hid is left out: the gallery does not show it (its votes still rate the model).
 */
export async function loadAttempts(
  ctx: Ctx,
  input: { challengeIds: readonly string[]; modelId?: string },
): Promise<AttemptRow[]> {
  const { challengeIds, modelId } = input;
  if (challengeIds.length === 0) return [];
  const conditions = [
    inArray(generations.challengeId, [...challengeIds]),
    eq(generations.status, 'succeeded'),
    isNotNull(generations.imageId),
    isNull(generations.hiddenAt),
    // Disqualified by an operator: out of the challenge's results.
    isNull(generations.disqualifiedAt),
  ];
  if (modelId) conditions.push(eq(generations.modelId, modelId));
  const rows = await ctx.db
    .select({
      generationId: generations.id,
      challengeId: generations.challengeId,
      modelId: generations.modelId,
      attempt: generations.attempt,
      imageId: generations.imageId,
    })
    .from(generations)
    .where(and(...conditions));
  return rows.map((row) => ({ ...row, imageId: row.imageId! }));
}

interface Record {
  games: number;
  wins: number;
  losses: number;
  ties: number;
  bothBad: number;
}

/**
 * Each attempt's own record in counted votes, from either side of the screen, without the votes
 * kept off the boards (voided, banned or excluded voters'). Served by the indexes on the two
 * generation columns, so it reads only these attempts' votes.
 */
async function attemptRecords(
  { db }: Ctx,
  generationIds: readonly string[],
): Promise<Map<string, Record>> {
  if (generationIds.length === 0) return new Map();
  const ids = [...generationIds];
  const side = (
    own: typeof votes.leftGenerationId | typeof votes.rightGenerationId,
    win: string,
    loss: string,
  ) =>
    db
      .select({
        generationId: sql<string>`${own}`.as('generation_id'),
        wins: sql<number>`count(*) filter (where ${votes.outcome} = ${win})`.as('wins'),
        losses: sql<number>`count(*) filter (where ${votes.outcome} = ${loss})`.as('losses'),
        ties: sql<number>`count(*) filter (where ${votes.outcome} = 'tie')`.as('ties'),
        bothBad: sql<number>`count(*) filter (where ${votes.outcome} = 'both_bad')`.as('both_bad'),
      })
      .from(votes)
      .where(and(eq(votes.counted, true), inArray(own, ids), not(voteOffBoards)))
      .groupBy(own);
  const rows = await side(votes.leftGenerationId, 'left', 'right').unionAll(
    side(votes.rightGenerationId, 'right', 'left'),
  );
  const records = new Map<string, Record>();
  for (const row of rows) {
    const record = records.get(row.generationId) ?? {
      games: 0,
      wins: 0,
      losses: 0,
      ties: 0,
      bothBad: 0,
    };
    record.wins += Number(row.wins);
    record.losses += Number(row.losses);
    record.ties += Number(row.ties);
    record.bothBad += Number(row.bothBad);
    record.games = record.wins + record.losses + record.ties + record.bothBad;
    records.set(row.generationId, record);
  }
  return records;
}

/**
 * A win rate shrunk toward one half by one imaginary win and one imaginary loss: an attempt
 * that won its only vote (2/3) does not outrank one that won 27 of 30 (0.875).
 */
export function attemptScore(record: Record): number {
  return (record.wins + 0.5 * (record.ties + record.bothBad) + 1) / (record.games + 2);
}

/** Every attempt with its record and score, in attempt order. */
export async function attemptResults(
  ctx: Ctx,
  input: { attempts: readonly AttemptRow[] },
): Promise<Map<string, AttemptResult>> {
  const { attempts } = input;
  const records = await attemptRecords(
    ctx,
    attempts.map((attempt) => attempt.generationId),
  );
  const empty = { games: 0, wins: 0, losses: 0, ties: 0, bothBad: 0 };
  return new Map(
    [...attempts]
      .sort((a, b) => a.attempt - b.attempt)
      .map((attempt) => {
        const record = records.get(attempt.generationId) ?? empty;
        return [
          attempt.generationId,
          {
            attempt: attempt.attempt,
            imageUrl: resultImageUrl(attempt.imageId),
            ...record,
            score: attemptScore(record),
          },
        ];
      }),
  );
}

/**
 * The attempt shown for a model: the best score, then the most votes, then the earliest. Only
 * what is displayed; the model's rating is fitted on all its attempts' votes.
 */
export function bestAttempt(results: readonly AttemptResult[]): AttemptResult | null {
  let best: AttemptResult | null = null;
  for (const result of results) {
    if (
      !best ||
      result.score > best.score ||
      (result.score === best.score &&
        (result.games > best.games ||
          (result.games === best.games && result.attempt < best.attempt)))
    )
      best = result;
  }
  return best;
}
