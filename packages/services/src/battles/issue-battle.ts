import type { Battle } from '@arena/contract';
import { createRng, notFound, OVERALL_SCOPE, type Arena, type Rng } from '@arena/core';
import { opaqueId } from '@arena/db';
import type { ServiceContext } from '../context';
import { voterBanned } from '../voters/voter-banned';
import { readBattleInputs } from './battle-inputs';
import { battleImageUrl, sourceImageUrl } from './image-urls';
import { insertBattle } from './insert-battle';
import { loadScopeRatings, pairKey } from './matchmaking-ratings';
import { freshOpenAnswers, openAnswers, type OpenAnswers } from './open-answers';
import { pairWeights } from './pair-weights';
import { samplePairing, type Pairing } from './sample-pairing';
import { seenComparisonsOf } from './seen-comparisons';

export interface IssueBattleInput {
  voterId: string;
  arena: Arena;
  /** The client's network as a keyed hash, for screening per network; never an address. */
  addressKey?: string | null;
  /** Category slug; any category of the arena when absent. */
  category?: string;
  /** Seeded generator (tests); a fresh unpredictable one per battle otherwise. */
  rng?: Rng;
}

/**
 * Issues a battle to a voter: matchmaking picks the two models (informative pairs first, see
 * samplePairing) and a challenge both answered, then one attempt of each at random, placed
 * left/right by a fair coin. The response carries the prompt and two opaque image URLs,
 * nothing that names a model, a provider, an attempt or a timing.
 *
 * The work does not grow with the catalog: the open answers are kept in memory and rebuilt
 * only when they change (open-answers.ts), pair weights once per snapshot (pair-weights.ts),
 * and the request runs two statements: one read of its inputs (battle-inputs.ts) and one
 * write (insert-battle.ts). Each side's image is rendered when the voter first fetches it.
 */
export async function issueBattle(
  ctx: Pick<ServiceContext, 'db' | 'config' | 'logger' | 'now'>,
  input: IssueBattleInput,
): Promise<Battle> {
  const rng = input.rng ?? createRng(opaqueId());
  const inputs = await readBattleInputs(ctx, input);
  if (inputs.banned) throw voterBanned();
  if (inputs.categoryId === null) {
    throw notFound('category_not_found', `no category "${input.category}" in ${input.arena}`);
  }
  const scopeId = inputs.categoryId ?? OVERALL_SCOPE;
  const [current, ratings] = await Promise.all([
    openAnswers(ctx, input.arena, inputs.version),
    loadScopeRatings(ctx, { snapshotId: inputs.snapshotId }),
  ]);
  let answers = current;
  // The index may be a moment old: a challenge it offers may have closed since. The choice is
  // checked against the database, and made again on a fresh index if it no longer holds.
  for (let attempt = 0; ; attempt += 1) {
    const scope = answers.scopes.get(scopeId);
    const pairing = scope
      ? samplePairing({
          answers,
          scope,
          weights: pairWeights(scope, ratings),
          seen: inputs.seen,
          rng,
        })
      : null;
    const battle = pairing ? await storeBattle(ctx, input, pairing, answers, rng) : undefined;
    if (pairing && battle) {
      // What this process remembers of the voter's comparisons now runs up to this battle.
      const comparison = `${pairing.challengeId}|${pairKey(pairing.left, pairing.right)}`;
      seenComparisonsOf(ctx.db).issued(input.voterId, inputs.latestBattleId, battle.id, comparison);
      return battle;
    }
    if (attempt > 0) {
      throw notFound('no_battle_available', 'no challenge is open for voting here yet');
    }
    answers = await freshOpenAnswers(ctx, input.arena);
  }
}

async function storeBattle(
  ctx: Pick<ServiceContext, 'db' | 'config' | 'now'>,
  input: IssueBattleInput,
  pairing: Pairing,
  answers: OpenAnswers,
  rng: Rng,
): Promise<Battle | undefined> {
  const attempts = answers.challenges.get(pairing.challengeId)!.attempts;
  const pickAttempt = (modelId: string) => {
    const ids = attempts.get(modelId)!;
    return ids[rng.nextInt(ids.length)]!;
  };
  const issuedAt = ctx.now();
  const expiresAt = new Date(issuedAt.getTime() + ctx.config.battleTtlMs);
  const stored = await insertBattle(ctx, {
    arena: input.arena,
    challengeId: pairing.challengeId,
    leftGenerationId: pickAttempt(pairing.left),
    rightGenerationId: pickAttempt(pairing.right),
    leftImageToken: opaqueId(),
    rightImageToken: opaqueId(),
    voterId: input.voterId,
    addressKey: input.addressKey ?? null,
    issuedAt,
    expiresAt,
    keep: ctx.config.maxOpenBattles,
  });
  if (!stored) return undefined;
  return {
    id: stored.id,
    arena: input.arena,
    challenge: {
      title: stored.title,
      prompt: stored.prompt,
      category: { id: stored.category_id, slug: stored.category_slug, name: stored.category_name },
      sourceImageUrl: stored.source_image_id ? sourceImageUrl(stored.source_image_id) : null,
    },
    left: { imageUrl: battleImageUrl(stored.left_image_token) },
    right: { imageUrl: battleImageUrl(stored.right_image_token) },
    issuedAt: issuedAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
    minViewMs: ctx.config.minViewMs,
  };
}
