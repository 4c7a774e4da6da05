import type { RatingChange, VoteResult } from '@arena/contract';
import {
  conflict,
  forbidden,
  gone,
  notFound,
  OVERALL_SCOPE,
  tooEarly,
  type DomainError,
  type VoteOutcome,
} from '@arena/core';
import type { ServiceContext } from '../context';
import { requestLeaderboardRecompute } from '../leaderboards/request-recompute';
import { requestRatingsApply } from '../ratings/request-ratings-apply';
import { voterBanned } from '../voters/voter-banned';
import { castVote, type CastVoteRow, type VoteRefusal } from './cast-vote';
import { DEFAULT_VOTE_UNDO_MS } from './undo-vote';

export interface RecordVoteInput {
  battleId: string;
  voterId: string;
  outcome: VoteOutcome;
  /** The client's network as a keyed hash, for screening per network; never an address. */
  addressKey?: string | null;
}

/**
 * Records a vote on a battle (one statement, cast-vote.ts) and reveals both models with the
 * online Elo change the vote makes overall and in the challenge's category. The change is
 * queued with the vote and applied to the ratings by their consumer moments later; a
 * debounced leaderboard recompute is requested too. The voter may take the vote back until
 * `undoUntil` (undo-vote.ts).
 */
export async function recordVote(
  ctx: Pick<ServiceContext, 'db' | 'config' | 'humanCheck' | 'logger' | 'now' | 'queue'>,
  input: RecordVoteInput,
): Promise<VoteResult> {
  const votedAt = ctx.now();
  const undoMs = ctx.config.voteUndoMs ?? DEFAULT_VOTE_UNDO_MS;
  const row = await castVote(ctx, {
    battleId: input.battleId,
    voterId: input.voterId,
    outcome: input.outcome,
    addressKey: input.addressKey ?? null,
    now: votedAt,
    humanCheckAfterVotes: ctx.humanCheck ? (ctx.config.humanCheck?.afterVotes ?? null) : null,
  });
  if (!row) throw notFound('battle_not_found', 'no such battle');
  if (row.refused) throw refusal(ctx, row);

  const step = (scope: string) => row.steps.find((s) => s.scope === scope)!;
  const change = (scope: string, side: 'left' | 'right'): RatingChange => {
    const { left_before, right_before, delta } = step(scope);
    const before = side === 'left' ? left_before : right_before;
    const signed = side === 'left' ? delta : -delta;
    return { before, after: before + signed, delta: signed };
  };
  const result = {
    battleId: input.battleId,
    outcome: input.outcome,
    counted: row.counted,
    category: { id: row.category_id, slug: row.category_slug, name: row.category_name },
    left: {
      model: row.left_model,
      overall: change(OVERALL_SCOPE, 'left'),
      category: change(row.category_id, 'left'),
    },
    right: {
      model: row.right_model,
      overall: change(OVERALL_SCOPE, 'right'),
      category: change(row.category_id, 'right'),
    },
    undoUntil: new Date(votedAt.getTime() + undoMs).toISOString(),
  } satisfies VoteResult;
  ctx.logger.info(
    { battleId: input.battleId, outcome: input.outcome, counted: result.counted },
    'vote recorded',
  );
  if (result.counted) {
    await Promise.all([
      requestRatingsApply(ctx),
      requestLeaderboardRecompute(ctx, { delayMs: ctx.config.leaderboard.debounceMs }),
    ]);
  }
  return result;
}

const REFUSALS: Record<
  Exclude<VoteRefusal, 'human_check_required' | 'too_early'>,
  () => DomainError
> = {
  voter_banned: voterBanned,
  battle_not_yours: () => forbidden('battle_not_yours', 'this battle was issued to someone else'),
  already_voted: () => conflict('already_voted', 'this battle has already been voted on'),
  battle_expired: () => gone('battle_expired', 'this battle has expired; ask for a new one'),
  images_not_viewed: () => tooEarly('images_not_viewed', 'look at both images before voting'),
  challenge_closed: () =>
    gone('challenge_closed', 'this challenge has closed; ask for a new battle'),
};

function refusal(ctx: Pick<ServiceContext, 'humanCheck'>, row: CastVoteRow): DomainError {
  switch (row.refused) {
    case 'too_early':
      return tooEarly(
        'too_early',
        `look at both images for at least ${row.min_view_ms} ms before voting`,
      );
    case 'human_check_required':
      return forbidden(
        'human_check_required',
        'please confirm you are human, then send your vote again',
        { provider: ctx.humanCheck!.provider, siteKey: ctx.humanCheck!.siteKey },
      );
    default:
      return REFUSALS[row.refused!]();
  }
}
