import { aggregateChallengeVotes } from './aggregate-votes';
import { loadExclusion } from './excluded-votes';
import {
  publishBoards,
  publishedParams,
  stopwatch,
  type PublishContext,
  type RecomputeResult,
} from './publish-boards';
import { loadNames } from './scopes';
import { latestSnapshotMetas } from './snapshot-reads';

/**
 * Publishes the own leaderboards of the given challenges, from their votes alone (an indexed
 * read of a few challenges, not of the whole arena). Closing a challenge calls this at once, so
 * its results are public the moment it is closed. Excluded voters' votes are left out, as from
 * every board; the recompute republishes a closed challenge when its excluded voters change.
 */
export async function publishChallengeResults(
  ctx: PublishContext,
  input: { challengeIds: readonly string[]; force?: boolean },
): Promise<RecomputeResult> {
  const watch = stopwatch();
  const [names, latest] = await Promise.all([loadNames(ctx), latestSnapshotMetas(ctx)]);
  watch.lap('countMs');
  // The exclusion and the counts it is subtracted from, seen at one moment.
  const { counts, exclusion } = await ctx.db.transaction(
    async (tx) => {
      const exclusion = await loadExclusion({ db: tx });
      const { challengeIds } = input;
      const counts = await aggregateChallengeVotes({ db: tx }, { challengeIds, names, exclusion });
      return { counts, exclusion };
    },
    { isolationLevel: 'repeatable read' },
  );
  return publishBoards(ctx, counts, {
    names,
    latest,
    exclusion,
    params: publishedParams(ctx.config),
    computedAt: ctx.now(),
    force: input.force ?? false,
    watch,
    perChallenge: true,
  });
}
