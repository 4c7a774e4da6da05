import type { VoteResult } from '@arena/contract';
import {
  conflict,
  forbidden,
  gone,
  notFound,
  OVERALL_SCOPE,
  tooEarly,
  type VoteOutcome,
} from '@arena/core';
import { battles, categories, challenges, generations, models, voters, votes } from '@arena/db';
import { eq, inArray } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { requestLeaderboardRecompute } from '../leaderboards/request-recompute';
import { humanCheckGate, humanCheckRequired } from '../voters/human-check-gate';
import { applyElo } from './apply-elo';
import { currentRatings } from './current-ratings';

export interface RecordVoteInput {
  battleId: string;
  voterId: string;
  outcome: VoteOutcome;
  /** The client's network as a keyed hash, for screening per network; never an address. */
  addressKey?: string | null;
}

/** Flags that keep a voter's votes out of the ratings (they are still stored). */
const NOT_COUNTED_FLAGS = new Set(['blocked', 'suspected_bot']);

/**
 * Records a vote on a battle and, in the same transaction, moves the online Elo ratings for the
 * arena overall and for the challenge's category. The battle row is locked first, so a vote
 * posted twice or concurrently is counted once; the response reveals both models. Once the
 * transaction has committed, a debounced leaderboard recompute is requested.
 */
export async function recordVote(
  ctx: Pick<ServiceContext, 'db' | 'config' | 'humanCheck' | 'logger' | 'now' | 'queue'>,
  input: RecordVoteInput,
): Promise<VoteResult> {
  const recorded = await ctx.db.transaction(async (tx) => {
    const [battle] = await tx
      .select()
      .from(battles)
      .where(eq(battles.id, input.battleId))
      .for('update');
    if (!battle) throw notFound('battle_not_found', 'no such battle');
    if (battle.voterId !== input.voterId)
      throw forbidden('battle_not_yours', 'this battle was issued to someone else');
    if (battle.votedAt) throw conflict('already_voted', 'this battle has already been voted on');
    const now = ctx.now();
    if (now > battle.expiresAt)
      throw gone('battle_expired', 'this battle has expired; ask for a new one');
    // Counted only from a voter who looked: both images fetched, for the minimum time.
    if (!battle.leftSeenAt || !battle.rightSeenAt) {
      throw tooEarly('images_not_viewed', 'look at both images before voting');
    }
    const seenAt = Math.max(battle.leftSeenAt.getTime(), battle.rightSeenAt.getTime());
    const decisionMs = now.getTime() - seenAt;
    if (decisionMs < ctx.config.minViewMs) {
      throw tooEarly(
        'too_early',
        `look at both images for at least ${ctx.config.minViewMs} ms before voting`,
      );
    }

    // A closed challenge's results are published: a late vote would change them afterwards.
    const [challenge] = await tx
      .select({ status: challenges.status })
      .from(challenges)
      .where(eq(challenges.id, battle.challengeId));
    if (challenge?.status === 'closed')
      throw gone('challenge_closed', 'this challenge has closed; ask for a new battle');

    // Refused without throwing, so that a requirement this vote sets is committed; the battle
    // stays open for the same vote after a pass.
    const humanCheck = await humanCheckGate({ ...ctx, db: tx }, { voterId: input.voterId, now });
    if (humanCheck) return { refused: true, humanCheck } as const;

    const sides = await tx
      .select({ generationId: generations.id, model: models })
      .from(generations)
      .innerJoin(models, eq(models.id, generations.modelId))
      .where(inArray(generations.id, [battle.leftGenerationId, battle.rightGenerationId]));
    const leftModel = sides.find((s) => s.generationId === battle.leftGenerationId)!.model;
    const rightModel = sides.find((s) => s.generationId === battle.rightGenerationId)!.model;
    const [category] = await tx
      .select()
      .from(categories)
      .where(eq(categories.id, battle.categoryId));
    const [voter] = await tx
      .select({ flags: voters.flags })
      .from(voters)
      .where(eq(voters.id, input.voterId));
    const counted = !(voter?.flags ?? []).some((flag) => NOT_COUNTED_FLAGS.has(flag));

    await tx.update(battles).set({ votedAt: now }).where(eq(battles.id, battle.id));
    await tx.insert(votes).values({
      battleId: battle.id,
      voterId: input.voterId,
      arena: battle.arena,
      challengeId: battle.challengeId,
      categoryId: battle.categoryId,
      leftModelId: leftModel.id,
      rightModelId: rightModel.id,
      leftGenerationId: battle.leftGenerationId,
      rightGenerationId: battle.rightGenerationId,
      outcome: input.outcome,
      decisionMs,
      counted,
      addressKey: input.addressKey ?? null,
      createdAt: now,
    });

    const scopes = [OVERALL_SCOPE, battle.categoryId];
    const pair = {
      arena: battle.arena,
      scopes,
      leftModelId: leftModel.id,
      rightModelId: rightModel.id,
    };
    const changes = counted
      ? await applyElo({ db: tx }, { ...pair, outcome: input.outcome, k: ctx.config.eloK })
      : await currentRatings({ db: tx }, pair);
    const ref = (m: typeof leftModel) => ({
      id: m.id,
      slug: m.slug,
      name: m.name,
      creator: m.creator,
    });
    const vote = {
      battleId: battle.id,
      outcome: input.outcome,
      counted,
      category: { id: category!.id, slug: category!.slug, name: category!.name },
      left: {
        model: ref(leftModel),
        overall: changes[OVERALL_SCOPE]!.left,
        category: changes[battle.categoryId]!.left,
      },
      right: {
        model: ref(rightModel),
        overall: changes[OVERALL_SCOPE]!.right,
        category: changes[battle.categoryId]!.right,
      },
    } satisfies VoteResult;
    return { refused: false, vote } as const;
  });
  if (recorded.refused) throw humanCheckRequired(recorded.humanCheck);
  const result = recorded.vote;
  ctx.logger.info(
    { battleId: input.battleId, outcome: input.outcome, counted: result.counted },
    'vote recorded',
  );
  if (result.counted) {
    await requestLeaderboardRecompute(ctx, { delayMs: ctx.config.leaderboard.debounceMs });
  }
  return result;
}
