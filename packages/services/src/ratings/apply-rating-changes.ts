import { ELO_INITIAL_RATING } from '@arena/core';
import { queryRows } from '@arena/db';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/** Steps taken per statement: bounded, so one statement never holds the rows for long. */
const BATCH = 5_000;

/**
 * The ratings consumer: drains the queued online Elo steps (rating_changes) in id order and adds
 * each model's sum to its rating row, one statement per batch. Elo steps add up, so however
 * the votes were batched the ratings end where applying them one by one would: initial + the
 * sum of the changes their voters were shown. A reversing step (an undone or voided vote)
 * carries the negated change and takes its game back out of the counts. Rows taken by a concurrent consumer are skipped,
 * never applied twice, and a step becomes visible only with its vote's commit.
 */
export async function applyRatingChanges(ctx: Pick<ServiceContext, 'db'>): Promise<number> {
  let applied = 0;
  for (;;) {
    const [row] = await queryRows<{ steps: number }>(
      ctx.db,
      sql`
      with drained as (
        delete from rating_changes where id in (
          select id from rating_changes order by id limit ${BATCH} for update skip locked)
        returning arena, scope, left_model_id, right_model_id, outcome, delta,
                  case when reverses then -1 else 1 end as games
      ), sides as (
        select arena, scope, left_model_id as model_id, delta, games,
               outcome = 'left' as won, outcome = 'right' as lost, outcome
        from drained
        union all
        select arena, scope, right_model_id, -delta, games,
               outcome = 'right', outcome = 'left', outcome
        from drained
      ), sums as (
        select arena, scope, model_id, sum(delta) as delta, sum(games)::int as games,
               coalesce(sum(games) filter (where won), 0)::int as wins,
               coalesce(sum(games) filter (where lost), 0)::int as losses,
               coalesce(sum(games) filter (where outcome = 'tie'), 0)::int as ties,
               coalesce(sum(games) filter (where outcome = 'both_bad'), 0)::int as both_bad
        from sides group by arena, scope, model_id
      ), upserted as (
        insert into ratings (arena, scope, model_id, rating, games, wins, losses, ties, both_bad)
        select arena, scope, model_id, ${ELO_INITIAL_RATING}::float8 + delta,
               games, wins, losses, ties, both_bad
        from sums
        on conflict (arena, scope, model_id) do update set
          rating = ratings.rating + (excluded.rating - ${ELO_INITIAL_RATING}::float8),
          games = ratings.games + excluded.games,
          wins = ratings.wins + excluded.wins,
          losses = ratings.losses + excluded.losses,
          ties = ratings.ties + excluded.ties,
          both_bad = ratings.both_bad + excluded.both_bad,
          updated_at = now()
      )
      select count(*)::int as steps from drained`,
    );
    const steps = row?.steps ?? 0;
    applied += steps;
    // Until a pass finds nothing: a vote committed while this ran asked for a consumer run
    // that the queue ignores (this one is still active), so this one takes its step.
    if (steps === 0) return applied;
  }
}
