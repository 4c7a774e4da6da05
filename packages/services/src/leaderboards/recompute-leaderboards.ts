import { OVERALL_SCOPE, type Arena } from '@arena/core';
import { screenRecentVotes } from '../voters/screen-recent-votes';
import { aggregateVotesByCategory, countedVotesByArena } from './aggregate-votes';
import {
  arenaFingerprint,
  challengeFingerprint,
  excludedVotesByArena,
  loadExclusion,
  storedParams,
  type Exclusion,
} from './excluded-votes';
import { publishChallengeResults } from './publish-challenge-results';
import {
  publishBoards,
  publishedParams,
  stopwatch,
  type PublishContext,
  type RecomputeResult,
} from './publish-boards';
import { challengeScope, loadNames, type Names } from './scopes';
import { latestSnapshotMetas, scopeId, type SnapshotMeta } from './snapshot-reads';
import { isStale } from './write-snapshots';

/**
 * The `leaderboard.recompute` job: screens the voters with new votes and the networks they
 * voted from, then refits every leaderboard whose votes changed, per arena overall and per
 * category, and publishes them as snapshots. Screening comes first so that a voter flagged now leaves the boards in this run.
 *
 * Votes are append-only and their `counted` flag never changes, so a scope whose vote count
 * (less the excluded voters' votes) and exclusion fingerprint equal its latest snapshot's has
 * nothing new: an arena whose total did not move is not even aggregated, and within an arena
 * only changed scopes are fitted and written. `force` refits and writes everything, closed
 * challenges' own leaderboards included (after a change of the fit settings, say).
 *
 * Open challenges get no leaderboard of their own: their results are not public, and refitting
 * a board per open challenge on every run would cost more than everything else together. A
 * challenge's board is published when it closes (publishChallengeResults), and changes after
 * that only when a voter who voted in it is flagged or cleared.
 */
export async function recomputeLeaderboards(
  ctx: PublishContext,
  input: { force?: boolean } = {},
): Promise<RecomputeResult & { flaggedVoters: number }> {
  const watch = stopwatch();
  const force = input.force ?? false;
  const params = publishedParams(ctx.config);
  const computedAt = ctx.now();
  const flagged = await screenRecentVotes(ctx);
  watch.lap('screenMs');
  // Totals, exclusion and aggregate from one snapshot of the database: the excluded tallies are
  // subtracted from counts that hold exactly those votes.
  const read = await ctx.db.transaction(
    async (tx) => {
      const db = { db: tx };
      const totals = await countedVotesByArena(db);
      const exclusion = await loadExclusion(db);
      const latest = await latestSnapshotMetas(db);
      watch.lap('countMs');
      const excluded = excludedVotesByArena(exclusion);
      const arenas = [...totals.entries()]
        .filter(
          ([arena, votes]) =>
            force ||
            isStale(
              latest.get(scopeId(arena, OVERALL_SCOPE)),
              votes - (excluded.get(arena) ?? 0),
              storedParams(params, arenaFingerprint(exclusion, arena)),
            ),
        )
        .map(([arena]) => arena)
        .sort();
      const names = arenas.length > 0 || force ? await loadNames(db) : null;
      const counts = names ? await aggregateVotesByCategory(db, { arenas, names, exclusion }) : [];
      return { exclusion, latest, arenas, names, counts };
    },
    { isolationLevel: 'repeatable read' },
  );
  const { exclusion, latest, arenas, names, counts } = read;
  const result = await publishBoards(ctx, counts, {
    names,
    latest,
    params,
    exclusion,
    computedAt,
    force,
    watch,
  });
  const republish = names
    ? force
      ? [...names.closedChallenges]
      : changedClosedChallenges(names, latest, exclusion)
    : [];
  if (republish.length > 0) {
    const challenges = await publishChallengeResults(ctx, { challengeIds: republish, force });
    result.fitted += challenges.fitted;
    result.written += challenges.written;
  }
  return {
    ...result,
    arenas,
    ms: watch.total(),
    flaggedVoters: flagged.length,
  };
}

/** Closed challenges whose published board was taken with other excluded voters than now. */
function changedClosedChallenges(
  names: Names,
  latest: ReadonlyMap<string, SnapshotMeta>,
  exclusion: Exclusion,
): string[] {
  return [...names.closedChallenges].filter((challengeId) => {
    const arena = names.categoryArena.get(names.challengeCategory.get(challengeId)!) as Arena;
    const meta = latest.get(scopeId(arena, challengeScope(challengeId)));
    const stored = (meta?.params as { excluded?: string } | undefined)?.excluded;
    return meta !== undefined && stored !== challengeFingerprint(exclusion, challengeId);
  });
}
