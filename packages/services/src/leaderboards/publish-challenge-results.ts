import { aggregateChallengeVotes } from './aggregate-votes';
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
 * its results are public the moment it is closed.
 */
export async function publishChallengeResults(
  ctx: PublishContext,
  input: { challengeIds: readonly string[]; force?: boolean },
): Promise<RecomputeResult> {
  const watch = stopwatch();
  const [names, latest] = await Promise.all([loadNames(ctx), latestSnapshotMetas(ctx)]);
  watch.lap('countMs');
  const counts = await aggregateChallengeVotes(ctx, { challengeIds: input.challengeIds, names });
  return publishBoards(ctx, counts, {
    names,
    latest,
    params: publishedParams(ctx.config),
    computedAt: ctx.now(),
    force: input.force ?? false,
    watch,
    perChallenge: true,
  });
}
