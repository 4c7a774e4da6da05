import type { ChallengeLeaderboard, ModelRef } from '@arena/contract';
import { models } from '@arena/db';
import { inArray } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { challengeScope } from '../leaderboards/scopes';
import { latestSnapshot } from '../leaderboards/snapshot-reads';
import { attemptResults, bestAttempt, loadAttempts } from './attempt-records';
import { findPublishedChallenge } from './published-challenge';

/**
 * A closed challenge's own leaderboard: a Bradley-Terry fit on its votes alone, each model with
 * every attempt (the gallery) and the best one for display.
 */
export async function getChallengeLeaderboard(
  ctx: Pick<ServiceContext, 'db'>,
  input: { slug: string },
): Promise<ChallengeLeaderboard> {
  const challenge = await findPublishedChallenge(ctx, { slug: input.slug });
  const [snapshot, attempts] = await Promise.all([
    latestSnapshot(ctx, { arena: challenge.ref.arena, scope: challengeScope(challenge.id) }),
    loadAttempts(ctx, { challengeIds: [challenge.id] }),
  ]);
  const rows = snapshot?.rows ?? [];
  const [refs, results] = await Promise.all([
    rows.length > 0
      ? ctx.db
          .select({ id: models.id, slug: models.slug, name: models.name, creator: models.creator })
          .from(models)
          .where(
            inArray(
              models.id,
              rows.map((row) => row.modelId),
            ),
          )
      : Promise.resolve([] as ModelRef[]),
    attemptResults(ctx, { attempts }),
  ]);
  const modelById = new Map(refs.map((ref) => [ref.id, ref]));
  return {
    challenge: challenge.ref,
    votes: snapshot?.voteCount ?? 0,
    computedAt: snapshot?.computedAt.toISOString() ?? null,
    rows: rows.map((row) => {
      const own = attempts
        .filter((attempt) => attempt.modelId === row.modelId)
        .map((attempt) => results.get(attempt.generationId)!)
        .sort((a, b) => a.attempt - b.attempt);
      return {
        rank: row.rank,
        model: modelById.get(row.modelId)!,
        rating: row.rating,
        ciLow: row.ciLow,
        ciHigh: row.ciHigh,
        provisional: row.provisional,
        games: row.votes,
        wins: row.wins,
        losses: row.losses,
        ties: row.ties,
        bothBad: row.bothBad,
        winRate: row.votes > 0 ? row.wins / row.votes : null,
        bestAttempt: bestAttempt(own),
        attempts: own,
      };
    }),
  };
}
