import { OVERALL_SCOPE } from '@arena/core';
import { aggregateVotesByCategory, countedVotesByArena } from './aggregate-votes';
import { publishChallengeResults } from './publish-challenge-results';
import {
  publishBoards,
  publishedParams,
  stopwatch,
  type PublishContext,
  type RecomputeResult,
} from './publish-boards';
import { loadNames } from './scopes';
import { latestSnapshotMetas, scopeId } from './snapshot-reads';
import { isStale } from './write-snapshots';

/**
 * The `leaderboard.recompute` job: refits every leaderboard whose votes changed, per arena
 * overall and per category, and publishes them as snapshots.
 *
 * Votes are append-only and their `counted` flag never changes, so a scope whose vote count
 * equals its latest snapshot's has nothing new: an arena whose total did not move is not even
 * aggregated, and within an arena only changed scopes are fitted and written. `force` refits
 * and writes everything, closed challenges' own leaderboards included (after a change of the
 * fit settings, say).
 *
 * Open challenges get no leaderboard of their own: their results are not public, and refitting
 * a board per open challenge on every run would cost more than everything else together. A
 * challenge's board is published when it closes (publishChallengeResults), and never changes
 * after that: a closed challenge takes no votes.
 */
export async function recomputeLeaderboards(
  ctx: PublishContext,
  input: { force?: boolean } = {},
): Promise<RecomputeResult> {
  const watch = stopwatch();
  const force = input.force ?? false;
  const params = publishedParams(ctx.config);
  const computedAt = ctx.now();
  const [totals, latest] = await Promise.all([countedVotesByArena(ctx), latestSnapshotMetas(ctx)]);
  watch.lap('countMs');
  const arenas = [...totals.entries()]
    .filter(
      ([arena, votes]) =>
        force || isStale(latest.get(scopeId(arena, OVERALL_SCOPE)), votes, params),
    )
    .map(([arena]) => arena)
    .sort();
  const names = arenas.length > 0 || force ? await loadNames(ctx) : null;
  const counts = names ? await aggregateVotesByCategory(ctx, { arenas, names }) : [];
  const result = await publishBoards(ctx, counts, {
    names,
    latest,
    params,
    computedAt,
    force,
    watch,
  });
  if (force && names && names.closedChallenges.size > 0) {
    const challenges = await publishChallengeResults(ctx, {
      challengeIds: [...names.closedChallenges],
      force,
    });
    result.fitted += challenges.fitted;
    result.written += challenges.written;
  }
  return { ...result, arenas, ms: watch.total() };
}
