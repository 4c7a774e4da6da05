import { randomBytes } from 'node:crypto';
import type { Battle } from '@arena/contract';
import { createRng, notFound, OVERALL_SCOPE, type Arena, type Rng } from '@arena/core';
import { battles, categories, challenges, generations, opaqueId } from '@arena/db';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ServiceContext } from '../context';
import { warmBattleImages } from './battle-image-variants';
import { choosePairing } from './choose-pairing';
import { expireOpenBattlesBeyond } from './expire-open-battles';
import { battleImageUrl, sourceImageUrl } from './image-urls';
import { loadScopeRatings, pairKey } from './matchmaking-ratings';

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

/** How far back a voter's battles are remembered to avoid showing a comparison twice. */
const SEEN_LIMIT = 2_000;

/**
 * Issues a battle to a voter: matchmaking picks the two models (informative pairs first, see
 * choosePairing) and a challenge both answered, then one attempt of each at random, placed
 * left/right by a fair coin. The response carries the prompt and two opaque image URLs,
 * nothing that names a model, a provider, an attempt or a timing.
 */
export async function issueBattle(
  ctx: Pick<ServiceContext, 'db' | 'store' | 'config' | 'logger' | 'now'>,
  input: IssueBattleInput,
): Promise<Battle> {
  const rng = input.rng ?? createRng(randomBytes(16).toString('hex'));
  const conditions = [eq(challenges.arena, input.arena), eq(challenges.status, 'voting')];
  let categoryId: string | null = null;
  if (input.category) {
    const [category] = await ctx.db
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.slug, input.category), eq(categories.arena, input.arena)));
    if (!category)
      throw notFound('category_not_found', `no category "${input.category}" in ${input.arena}`);
    categoryId = category.id;
    conditions.push(eq(challenges.categoryId, category.id));
  }
  const answers = await ctx.db
    .select({
      id: generations.id,
      challengeId: generations.challengeId,
      modelId: generations.modelId,
    })
    .from(generations)
    .innerJoin(challenges, eq(challenges.id, generations.challengeId))
    .where(and(...conditions, eq(generations.status, 'succeeded')));
  if (answers.length === 0) {
    throw notFound('no_battle_available', 'no challenge is open for voting here yet');
  }
  const attempts = new Map<string, string[]>();
  for (const answer of answers) {
    const key = `${answer.challengeId}|${answer.modelId}`;
    attempts.set(key, [...(attempts.get(key) ?? []), answer.id]);
  }
  const answered = new Map<string, string[]>();
  for (const key of attempts.keys()) {
    const [challengeId, modelId] = key.split('|') as [string, string];
    answered.set(challengeId, [...(answered.get(challengeId) ?? []), modelId]);
  }

  const [seen, ratings] = await Promise.all([
    seenComparisons(ctx, input.voterId, [...answered.keys()]),
    loadScopeRatings(ctx, { arena: input.arena, scope: categoryId ?? OVERALL_SCOPE }),
  ]);
  const pairing = choosePairing({ answered, seen, ratings, rng });
  if (!pairing) throw notFound('no_battle_available', 'no open challenge has two answers yet');
  const pickAttempt = (modelId: string) => {
    const ids = attempts.get(`${pairing.challengeId}|${modelId}`)!;
    return ids[rng.nextInt(ids.length)]!;
  };

  const [challenge] = await ctx.db
    .select({ challenge: challenges, category: categories })
    .from(challenges)
    .innerJoin(categories, eq(categories.id, challenges.categoryId))
    .where(eq(challenges.id, pairing.challengeId));
  const { category } = challenge!;
  const issuedAt = ctx.now();
  const expiresAt = new Date(issuedAt.getTime() + ctx.config.battleTtlMs);
  const [battle] = await ctx.db
    .insert(battles)
    .values({
      arena: input.arena,
      challengeId: pairing.challengeId,
      categoryId: category.id,
      leftGenerationId: pickAttempt(pairing.left),
      rightGenerationId: pickAttempt(pairing.right),
      leftImageToken: opaqueId(),
      rightImageToken: opaqueId(),
      voterId: input.voterId,
      addressKey: input.addressKey ?? null,
      issuedAt,
      expiresAt,
    })
    .returning();
  await expireOpenBattlesBeyond(ctx, { voterId: input.voterId, keep: ctx.config.maxOpenBattles });
  warmBattleImages(ctx, { tokens: [battle!.leftImageToken, battle!.rightImageToken] });
  return {
    id: battle!.id,
    arena: input.arena,
    challenge: {
      title: challenge!.challenge.title,
      prompt: challenge!.challenge.prompt,
      category: { id: category.id, slug: category.slug, name: category.name },
      sourceImageUrl: challenge!.challenge.sourceImageId
        ? sourceImageUrl(challenge!.challenge.sourceImageId)
        : null,
    },
    left: { imageUrl: battleImageUrl(battle!.leftImageToken) },
    right: { imageUrl: battleImageUrl(battle!.rightImageToken) },
    issuedAt: issuedAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
    minViewMs: ctx.config.minViewMs,
  };
}

/** `challengeId|pairKey` of the comparisons the voter was shown on these challenges. */
async function seenComparisons(
  ctx: Pick<ServiceContext, 'db'>,
  voterId: string,
  challengeIds: string[],
): Promise<Set<string>> {
  const left = alias(generations, 'left_generation');
  const right = alias(generations, 'right_generation');
  const rows = await ctx.db
    .select({
      challengeId: battles.challengeId,
      left: left.modelId,
      right: right.modelId,
    })
    .from(battles)
    .innerJoin(left, eq(left.id, battles.leftGenerationId))
    .innerJoin(right, eq(right.id, battles.rightGenerationId))
    .where(and(eq(battles.voterId, voterId), inArray(battles.challengeId, challengeIds)))
    .orderBy(desc(battles.issuedAt))
    .limit(SEEN_LIMIT);
  return new Set(rows.map((row) => `${row.challengeId}|${pairKey(row.left, row.right)}`));
}
