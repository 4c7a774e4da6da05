import type { ModelProfile, ModelResults } from '@arena/contract';
import { OVERALL_SCOPE, type Arena } from '@arena/core';
import { models } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { challengeScope } from '../leaderboards/scopes';
import { latestSnapshots, type Snapshot } from '../leaderboards/snapshot-reads';
import { attemptResults, bestAttempt, loadAttempts } from './attempt-records';
import { findModel } from './find-model';
import { closedChallenges } from './published-challenge';

const rate = (part: number, games: number) => (games > 0 ? part / games : null);

/** What the catalog says about the model: family, tags, description and notes. */
async function modelProfile(ctx: Pick<ServiceContext, 'db'>, id: string): Promise<ModelProfile> {
  const [row] = await ctx.db
    .select({
      family: models.family,
      tags: models.tags,
      description: models.description,
      notes: models.notes,
      modelRef: models.modelRef,
      releasedAt: models.releasedAt,
      arenas: models.arenas,
    })
    .from(models)
    .where(eq(models.id, id));
  return row!;
}

/**
 * A model page's results: its standing in each arena (with its both-bad rate, reported on its
 * own since the rating counts both-bad as a draw), and for every closed challenge it answered,
 * its rank there ("#1 of 13"), its attempts and the best one, shown for display.
 */
export async function getModelResults(
  ctx: Pick<ServiceContext, 'db'>,
  input: { slug: string },
): Promise<ModelResults> {
  const { arenas, ...model } = await findModel(ctx, { slug: input.slug });
  const [closed, profile] = await Promise.all([
    closedChallenges(ctx, { arenas }),
    modelProfile(ctx, model.id),
  ]);
  const attempts = await loadAttempts(ctx, {
    challengeIds: closed.map((challenge) => challenge.id),
    modelId: model.id,
  });
  const answered = closed.filter((challenge) =>
    attempts.some((attempt) => attempt.challengeId === challenge.id),
  );
  const snapshots = new Map<string, Snapshot>();
  await Promise.all(
    (arenas as Arena[]).map(async (arena) => {
      const scopes = [
        OVERALL_SCOPE,
        ...answered
          .filter((challenge) => challenge.ref.arena === arena)
          .map((challenge) => challengeScope(challenge.id)),
      ];
      for (const [scope, snapshot] of await latestSnapshots(ctx, { arena, scopes }))
        snapshots.set(`${arena}/${scope}`, snapshot);
    }),
  );
  const results = await attemptResults(ctx, { attempts });

  const standings = (arenas as Arena[]).flatMap((arena) => {
    const snapshot = snapshots.get(`${arena}/${OVERALL_SCOPE}`);
    const row = snapshot?.rows.find((candidate) => candidate.modelId === model.id);
    if (!snapshot || !row) return [];
    return [
      {
        arena,
        rank: row.rank,
        of: snapshot.rows.length,
        rating: row.rating,
        ciLow: row.ciLow,
        ciHigh: row.ciHigh,
        provisional: row.provisional,
        games: row.votes,
        winRate: rate(row.wins, row.votes),
        bothBad: row.bothBad,
        bothBadRate: rate(row.bothBad, row.votes),
        computedAt: snapshot.computedAt.toISOString(),
      },
    ];
  });

  const challenges = answered.flatMap((challenge) => {
    const snapshot = snapshots.get(`${challenge.ref.arena}/${challengeScope(challenge.id)}`);
    const row = snapshot?.rows.find((candidate) => candidate.modelId === model.id);
    if (!snapshot || !row) return [];
    const own = attempts
      .filter((attempt) => attempt.challengeId === challenge.id)
      .map((attempt) => results.get(attempt.generationId)!)
      .sort((a, b) => a.attempt - b.attempt);
    return [
      {
        challenge: challenge.ref,
        rank: row.rank,
        of: snapshot.rows.length,
        rating: row.rating,
        ciLow: row.ciLow,
        ciHigh: row.ciHigh,
        games: row.votes,
        attempts: own.length,
        bestAttempt: bestAttempt(own),
        gallery: own,
      },
    ];
  });
  return { model, profile, arenas: standings, challenges };
}
