import { OVERALL_SCOPE } from '@arena/core';
import { sql, type SQL } from 'drizzle-orm';

/**
 * A statement part that queues, for each counted vote whose id `voteIds` selects, the steps
 * that take back the online Elo change it made (overall and in its category): the negated
 * change the voter was shown, marked `reverses` so the consumer also takes the game out of
 * the counts. Votes from before the changes were kept (null deltas) are left as they are.
 * Call it only for votes just voided, so that a vote is never reversed twice.
 */
export function reverseRatingSteps(voteIds: SQL): SQL {
  return sql`
    insert into rating_changes
      (vote_id, arena, scope, left_model_id, right_model_id, outcome, delta, reverses)
    select v.id, v.arena, s.scope, v.left_model_id, v.right_model_id, v.outcome, -s.delta, true
    from votes v
    cross join lateral (values (${OVERALL_SCOPE}::text, v.overall_delta),
                               (v.category_id::text, v.category_delta)) s(scope, delta)
    where v.id in (${voteIds}) and v.counted and s.delta is not null`;
}
