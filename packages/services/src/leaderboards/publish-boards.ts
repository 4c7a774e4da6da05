import {
  computeLeaderboards,
  leaderboardParams,
  type Arena,
  type LeaderboardParams,
  type ScopeKey,
  type SideCounts,
} from '@arena/core';
import type { ServiceConfig, ServiceContext } from '../context';
import { scopeParams, type Exclusion } from './excluded-votes';
import { storedScope, type Names } from './scopes';
import { scopeId, type SnapshotMeta } from './snapshot-reads';
import { isStale, writeSnapshots } from './write-snapshots';

export type PublishContext = Pick<ServiceContext, 'db' | 'config' | 'logger' | 'now'>;

export interface RecomputeResult {
  /** Arenas whose votes were aggregated (those with new votes, or all when forced). */
  arenas: Arena[];
  /** Leaderboards fitted. */
  fitted: number;
  /** Snapshots written. */
  written: number;
  ms: number;
  /** Where the time went: screening voters, counting, aggregating in SQL, fitting, writing (ms). */
  phases: {
    screenMs: number;
    countMs: number;
    aggregateMs: number;
    fitMs: number;
    writeMs: number;
  };
}

/** The fit settings of published leaderboards, from configuration. */
export function publishedParams(config: Pick<ServiceConfig, 'leaderboard'>): LeaderboardParams {
  return leaderboardParams({
    rounds: config.leaderboard.bootstrapRounds,
    provisionalVotes: config.leaderboard.provisionalVotes,
  });
}

/** Milliseconds per phase, from one stopwatch. */
export function stopwatch() {
  const started = performance.now();
  let mark = started;
  const phases = { screenMs: 0, countMs: 0, aggregateMs: 0, fitMs: 0, writeMs: 0 };
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

export interface PublishPlan {
  names: Names | null;
  latest: Map<string, SnapshotMeta>;
  params: LeaderboardParams;
  /** The excluded voters the counts were taken without: their fingerprint goes in the params. */
  exclusion: Exclusion;
  computedAt: Date;
  force: boolean;
  watch: ReturnType<typeof stopwatch>;
  /** Publish the challenges' own boards (the counts are then of those challenges only). */
  perChallenge?: boolean;
}

/** Fits the scopes that changed, and writes them. */
export async function publishBoards(
  ctx: PublishContext,
  counts: SideCounts[],
  plan: PublishPlan,
): Promise<RecomputeResult> {
  const { names, latest, params, watch } = plan;
  watch.lap('aggregateMs');
  const paramsOf = (key: ScopeKey) => scopeParams(params, plan.exclusion, key, names!);
  const boards = names
    ? computeLeaderboards(counts, {
        ...params,
        perChallenge: plan.perChallenge,
        include: (key, votes) =>
          // Challenge counts also tally into arena and category scopes: only partially, skip them.
          (plan.perChallenge ? key.challenge !== null : true) &&
          (plan.force ||
            isStale(
              latest.get(scopeId(key.arena!, storedScope(key, names))),
              votes,
              paramsOf(key),
            )),
      })
    : [];
  watch.lap('fitMs');
  const written = names
    ? await writeSnapshots(ctx, {
        boards,
        names,
        paramsOf,
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
