import {
  computeLeaderboards,
  leaderboardParams,
  OVERALL_SCOPE,
  type Arena,
  type LeaderboardParams,
  type SideCounts,
} from '@arena/core';
import type { ServiceContext } from '../context';
import {
  aggregateChallengeVotes,
  aggregateVotesByCategory,
  countedVotesByArena,
} from './aggregate-votes';
import { loadNames, storedScope, type Names } from './scopes';
import { latestSnapshotMetas, scopeId, type SnapshotMeta } from './snapshot-reads';
import { isStale, writeSnapshots } from './write-snapshots';

type Ctx = Pick<ServiceContext, 'db' | 'config' | 'logger' | 'now'>;

export interface RecomputeResult {
  /** Arenas whose votes were aggregated (those with new votes, or all when forced). */
  arenas: Arena[];
  /** Leaderboards fitted. */
  fitted: number;
  /** Snapshots written. */
  written: number;
  ms: number;
  /** Where the time went: counting, aggregating in SQL, fitting, writing (milliseconds). */
  phases: { countMs: number; aggregateMs: number; fitMs: number; writeMs: number };
}

/** The fit settings of published leaderboards, from configuration. */
export function publishedParams(config: ServiceContext['config']): LeaderboardParams {
  return leaderboardParams({
    rounds: config.leaderboard.bootstrapRounds,
    provisionalVotes: config.leaderboard.provisionalVotes,
  });
}

/** Milliseconds per phase, from one stopwatch. */
function stopwatch() {
  const started = performance.now();
  let mark = started;
  const phases = { countMs: 0, aggregateMs: 0, fitMs: 0, writeMs: 0 };
  return {
    phases,
    lap(phase: keyof typeof phases) {
      const now = performance.now();
      phases[phase] = now - mark;
      mark = now;
    },
    total: () => performance.now() - started,
  };
}

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
  ctx: Ctx,
  input: { force?: boolean } = {},
): Promise<RecomputeResult> {
  const watch = stopwatch();
  const force = input.force ?? false;
  const params = publishedParams(ctx.config);
  const computedAt = ctx.now();
  const [totals, latest] = await Promise.all([
    countedVotesByArena(ctx.db),
    latestSnapshotMetas(ctx.db),
  ]);
  watch.lap('countMs');
  const arenas = [...totals.entries()]
    .filter(
      ([arena, votes]) =>
        force || isStale(latest.get(scopeId(arena, OVERALL_SCOPE)), votes, params),
    )
    .map(([arena]) => arena)
    .sort();
  const names = arenas.length > 0 || force ? await loadNames(ctx.db) : null;
  const counts = names ? await aggregateVotesByCategory(ctx.db, arenas, names) : [];
  const result = await publish(ctx, counts, { names, latest, params, computedAt, force, watch });
  if (force && names && names.closedChallenges.size > 0) {
    const challenges = await publishChallengeResults(ctx, [...names.closedChallenges], { force });
    result.fitted += challenges.fitted;
    result.written += challenges.written;
  }
  return { ...result, arenas, ms: watch.total() };
}

/**
 * Publishes the own leaderboards of the given challenges, from their votes alone (an indexed
 * read of a few challenges, not of the whole arena). Closing a challenge calls this at once, so
 * its results are public the moment it is closed.
 */
export async function publishChallengeResults(
  ctx: Ctx,
  challengeIds: readonly string[],
  input: { force?: boolean } = {},
): Promise<RecomputeResult> {
  const watch = stopwatch();
  const [names, latest] = await Promise.all([loadNames(ctx.db), latestSnapshotMetas(ctx.db)]);
  watch.lap('countMs');
  const counts = await aggregateChallengeVotes(ctx.db, challengeIds, names);
  return publish(ctx, counts, {
    names,
    latest,
    params: publishedParams(ctx.config),
    computedAt: ctx.now(),
    force: input.force ?? false,
    watch,
    perChallenge: true,
  });
}

interface PublishPlan {
  names: Names | null;
  latest: Map<string, SnapshotMeta>;
  params: LeaderboardParams;
  computedAt: Date;
  force: boolean;
  watch: ReturnType<typeof stopwatch>;
  /** Publish the challenges' own boards (the counts are then of those challenges only). */
  perChallenge?: boolean;
}

/** Fit the scopes that changed, and write them. */
async function publish(
  ctx: Ctx,
  counts: SideCounts[],
  plan: PublishPlan,
): Promise<RecomputeResult> {
  const { names, latest, params, watch } = plan;
  watch.lap('aggregateMs');
  const boards = names
    ? computeLeaderboards(counts, {
        ...params,
        perChallenge: plan.perChallenge,
        include: (key, votes) =>
          // Challenge counts also tally into arena and category scopes: only partially, skip them.
          (plan.perChallenge ? key.challenge !== null : true) &&
          (plan.force ||
            isStale(latest.get(scopeId(key.arena!, storedScope(key, names))), votes, params)),
      })
    : [];
  watch.lap('fitMs');
  const written = names
    ? await writeSnapshots(ctx.db, {
        boards,
        names,
        params,
        computedAt: plan.computedAt,
        force: plan.force,
        historyIntervalMs: ctx.config.leaderboard.historyIntervalMs,
      })
    : 0;
  watch.lap('writeMs');
  const arenas = [...new Set(boards.map((board) => board.arena as Arena))].sort();
  const result = {
    arenas,
    fitted: boards.length,
    written,
    ms: watch.total(),
    phases: watch.phases,
  };
  const unconverged = boards.filter((board) => !board.converged).length;
  if (unconverged > 0) ctx.logger.warn({ unconverged }, 'some leaderboard fits did not converge');
  if (boards.length > 0) ctx.logger.info(result, 'leaderboards recomputed');
  return result;
}
