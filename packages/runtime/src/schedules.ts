import {
  reconcileGenerations,
  requestLeaderboardRecompute,
  type ServiceContext,
} from '@arena/services';
import type { AppConfig } from './config';

/**
 * The periodic work of a process that runs jobs: the reconciler (at start and every
 * RECONCILE_INTERVAL_MS), and the scheduled leaderboard recompute. Votes debounce recomputes;
 * the schedule catches what a debounce missed (a vote that arrived while a recompute ran, a
 * lost queue). Without new votes a scheduled run is one count.
 */
export async function startSchedules(
  ctx: ServiceContext,
  config: Pick<AppConfig, 'reconcileIntervalMs' | 'leaderboard'>,
): Promise<() => void> {
  await reconcileGenerations(ctx);
  const reconcile = setInterval(() => {
    reconcileGenerations(ctx).catch((error) =>
      ctx.logger.error({ err: error }, 'reconcile failed'),
    );
  }, config.reconcileIntervalMs);
  await requestLeaderboardRecompute(ctx, { delayMs: 0 });
  const recompute = setInterval(
    () => void requestLeaderboardRecompute(ctx, { delayMs: 0 }),
    config.leaderboard.intervalMs,
  );
  // Timers never keep a process alive: shutdown is explicit.
  reconcile.unref();
  recompute.unref();
  return () => {
    clearInterval(reconcile);
    clearInterval(recompute);
  };
}
