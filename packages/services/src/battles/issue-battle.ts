import { randomBytes } from 'node:crypto';
import type { Battle } from '@arena/contract';
import { createRng, notFound, OVERALL_SCOPE, type Arena, type Rng } from '@arena/core';
import { battles, categories, challenges, generations, opaqueId } from '@arena/db';
import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ServiceContext } from '../context';
import { warmBattleImages } from './battle-image-variants';
import { expireOpenBattlesBeyond } from './expire-open-battles';
import { battleImageUrl, sourceImageUrl } from './image-urls';
import { loadScopeRatings, pairKey } from './matchmaking-ratings';
import { freshOpenAnswers, openAnswers, type OpenAnswers } from './open-answers';
import { pairWeights } from './pair-weights';
import { samplePairing, type Pairing } from './sample-pairing';

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
 * samplePairing) and a challenge both answered, then one attempt of each at random, placed
 * left/right by a fair coin. The response carries the prompt and two opaque image URLs,
 * nothing that names a model, a provider, an attempt or a timing.
 *
 * The work does not grow with the catalog: the open answers are kept in memory and rebuilt
 * only when they change (open-answers.ts), pair weights once per snapshot (pair-weights.ts),
 * and the request runs a fixed handful of indexed statements.
 */
export async function issueBattle(
  ctx: Pick<ServiceContext, 'db' | 'store' | 'config' | 'logger' | 'now'>,
  input: IssueBattleInput,
): Promise<Battle> {
  const rng = input.rng ?? createRng(randomBytes(16).toString('hex'));
  let answers = await openAnswers(ctx, input.arena);
  let categoryId: string | null = null;
  if (input.category) {
    categoryId = answers.categoryIds.get(input.category) ?? (await findCategoryId(ctx, input));
    if (!categoryId)
      throw notFound('category_not_found', `no category "${input.category}" in ${input.arena}`);
  }
  const scopeId = categoryId ?? OVERALL_SCOPE;
  const [seen, ratings] = await Promise.all([
    seenComparisons(ctx, input.voterId),
    loadScopeRatings(ctx, { arena: input.arena, scope: scopeId }),
  ]);
  // The index may be a moment old: a challenge it offers may have closed since. The choice is
  // checked against the database, and made again on a fresh index if it no longer holds.
  for (let attempt = 0; ; attempt += 1) {
    const scope = answers.scopes.get(scopeId);
    const pairing = scope
      ? samplePairing({ answers, scope, weights: pairWeights(scope, ratings), seen, rng })
      : null;
    const [challenge] = pairing
      ? await ctx.db
          .select({ challenge: challenges, category: categories })
          .from(challenges)
          .innerJoin(categories, eq(categories.id, challenges.categoryId))
          .where(and(eq(challenges.id, pairing.challengeId), eq(challenges.status, 'voting')))
      : [];
    if (pairing && challenge) return insertBattle(ctx, input, pairing, challenge, answers, rng);
    if (attempt > 0) {
      throw notFound('no_battle_available', 'no challenge is open for voting here yet');
    }
    answers = await freshOpenAnswers(ctx, input.arena);
  }
}

/** A category the index does not know (added since it was built), from the database. */
async function findCategoryId(
  ctx: Pick<ServiceContext, 'db'>,
  input: { arena: Arena; category?: string },
): Promise<string | null> {
  const [category] = await ctx.db
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.slug, input.category!), eq(categories.arena, input.arena)));
  return category?.id ?? null;
}

async function insertBattle(
  ctx: Pick<ServiceContext, 'db' | 'store' | 'config' | 'logger' | 'now'>,
  input: IssueBattleInput,
  pairing: Pairing,
  found: { challenge: typeof challenges.$inferSelect; category: typeof categories.$inferSelect },
  answers: OpenAnswers,
  rng: Rng,
): Promise<Battle> {
  const { challenge, category } = found;
  const attempts = answers.challenges.get(pairing.challengeId)!.attempts;
  const pickAttempt = (modelId: string) => {
    const ids = attempts.get(modelId)!;
    return ids[rng.nextInt(ids.length)]!;
  };
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
      title: challenge.title,
      prompt: challenge.prompt,
      category: { id: category.id, slug: category.slug, name: category.name },
      sourceImageUrl: challenge.sourceImageId ? sourceImageUrl(challenge.sourceImageId) : null,
    },
    left: { imageUrl: battleImageUrl(battle!.leftImageToken) },
    right: { imageUrl: battleImageUrl(battle!.rightImageToken) },
    issuedAt: issuedAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
    minViewMs: ctx.config.minViewMs,
  };
}

/**
 * `challengeId|pairKey` of the comparisons the voter was shown lately (their SEEN_LIMIT latest
 * battles, on battles_voter_issued): closed challenges' entries are simply never asked about.
 */
async function seenComparisons(
  ctx: Pick<ServiceContext, 'db'>,
  voterId: string,
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
    .where(eq(battles.voterId, voterId))
    .orderBy(desc(battles.issuedAt))
    .limit(SEEN_LIMIT);
  return new Set(rows.map((row) => `${row.challengeId}|${pairKey(row.left, row.right)}`));
}
