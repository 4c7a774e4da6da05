import { randomInt } from 'node:crypto';
import { notFound, type Arena, type Battle } from '@arena/core';
import { battles, categories, challenges, generations, opaqueId } from '@arena/db';
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { battleImageUrl, sourceImageUrl } from './image-urls';

export interface IssueBattleInput {
  voterId: string;
  arena: Arena;
  /** Category slug; any category of the arena when absent. */
  category?: string;
}

const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)]!;

/**
 * Issues a battle to a voter: an open challenge, two different models that answered it, one
 * attempt of each, placed left/right at random. The response carries the prompt and two
 * opaque image URLs, nothing that names a model, a provider, an attempt or a timing.
 */
export async function issueBattle(
  ctx: Pick<ServiceContext, 'db' | 'config' | 'now'>,
  input: IssueBattleInput,
): Promise<Battle> {
  const conditions = [eq(challenges.arena, input.arena), eq(challenges.status, 'voting')];
  if (input.category) {
    const [category] = await ctx.db
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.slug, input.category), eq(categories.arena, input.arena)));
    if (!category)
      throw notFound('category_not_found', `no category "${input.category}" in ${input.arena}`);
    conditions.push(eq(challenges.categoryId, category.id));
  }
  const open = await ctx.db
    .select({ challenge: challenges, category: categories })
    .from(challenges)
    .innerJoin(categories, eq(categories.id, challenges.categoryId))
    .where(and(...conditions));
  if (open.length === 0) {
    throw notFound('no_battle_available', 'no challenge is open for voting here yet');
  }
  const { challenge, category } = pick(open);

  const answers = await ctx.db
    .select({ id: generations.id, modelId: generations.modelId })
    .from(generations)
    .where(and(eq(generations.challengeId, challenge.id), eq(generations.status, 'succeeded')));
  const byModel = new Map<string, string[]>();
  for (const answer of answers)
    byModel.set(answer.modelId, [...(byModel.get(answer.modelId) ?? []), answer.id]);
  const modelIds = [...byModel.keys()];
  if (modelIds.length < 2)
    throw notFound('no_battle_available', 'this challenge has too few answers');
  const first = pick(modelIds);
  const second = pick(modelIds.filter((id) => id !== first));
  const [left, right] = randomInt(2) === 0 ? [first, second] : [second, first];

  const issuedAt = ctx.now();
  const expiresAt = new Date(issuedAt.getTime() + ctx.config.battleTtlMs);
  const [battle] = await ctx.db
    .insert(battles)
    .values({
      arena: input.arena,
      challengeId: challenge.id,
      categoryId: category.id,
      leftGenerationId: pick(byModel.get(left)!),
      rightGenerationId: pick(byModel.get(right)!),
      leftImageToken: opaqueId(),
      rightImageToken: opaqueId(),
      voterId: input.voterId,
      issuedAt,
      expiresAt,
    })
    .returning();
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
