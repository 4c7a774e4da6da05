import { battles, generations, models } from '@arena/db';
import { insertVotes, tournament, type VoteSpec } from '@arena/testing';
import { eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVoter, issueBattle, recomputeLeaderboards } from '../src';
import { startSeededServices, type TestServices } from './support/test-services';

const ORDER = ['alpha-image', 'beta-diffusion', 'gamma-gen', 'delta-draw'];

describe('matchmaking in issued battles', () => {
  let arena: TestServices;
  const ctx = () => arena.ctx;

  beforeAll(async () => {
    arena = await startSeededServices();
    // A published leaderboard where every pair has 80 votes but beta v gamma, which has 2: one
    // more vote on it says far more about the ranking than one on any other pair.
    const isFewPair = (spec: VoteSpec) =>
      [spec.left[0], spec.right[0]].sort().join() === 'beta-diffusion,gamma-gen';
    await insertVotes(ctx().db, [
      ...tournament('rainy-street', ORDER, 30, 10).filter((spec) => !isFewPair(spec)),
      ...tournament('cafe-logo', ORDER, 30, 10).filter((spec) => !isFewPair(spec)),
      ...tournament('rainy-street', ['beta-diffusion', 'gamma-gen'], 1, 0),
      ...tournament('cafe-logo', ['beta-diffusion', 'gamma-gen'], 1, 0),
    ]);
    await recomputeLeaderboards(ctx());
  });
  afterAll(async () => {
    await arena?.close();
  });

  /** Who sat where in the given battles, and on which challenge. */
  async function placements(ids: string[]) {
    const left = alias(generations, 'l');
    const right = alias(generations, 'r');
    const leftModel = alias(models, 'lm');
    const rightModel = alias(models, 'rm');
    return ctx()
      .db.select({
        challengeId: battles.challengeId,
        left: leftModel.slug,
        right: rightModel.slug,
      })
      .from(battles)
      .innerJoin(left, eq(left.id, battles.leftGenerationId))
      .innerJoin(right, eq(right.id, battles.rightGenerationId))
      .innerJoin(leftModel, eq(leftModel.id, left.modelId))
      .innerJoin(rightModel, eq(rightModel.id, right.modelId))
      .where(inArray(battles.id, ids));
  }

  async function issue(count: number, voters: string[]) {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const battle = await issueBattle(ctx(), {
        voterId: voters[i % voters.length]!,
        arena: 'text-to-image',
      });
      ids.push(battle.id);
    }
    return placements(ids);
  }

  const pairOf = (p: { left: string; right: string }) => [p.left, p.right].sort().join(' v ');

  it('never shows a voter the same comparison twice while others remain', async () => {
    const voter = await createVoter(ctx());
    // Two challenges x six pairs: twelve different comparisons, then repeats are allowed.
    const shown = await issue(12, [voter]);
    const comparisons = shown.map((p) => `${p.challengeId} ${pairOf(p)}`);
    expect(new Set(comparisons).size).toBe(12);
    expect(await issue(1, [voter])).toHaveLength(1);
  });

  it('keeps every pair in play, favours the informative one, and balances sides', async () => {
    // Many voters with few battles each: with only twelve comparisons in this arena, a voter
    // with many battles would be steered through all twelve by the no-repeat rule.
    const voters = await Promise.all(
      Array.from({ length: 240 }, async () => await createVoter(ctx())),
    );
    const shown = await issue(480, voters);
    const pairs = new Map<string, number>();
    for (const p of shown) pairs.set(pairOf(p), (pairs.get(pairOf(p)) ?? 0) + 1);
    expect(pairs.size).toBe(6);
    // The scores give beta v gamma about 37% of the battles and every other pair 10-15%
    // (matchmaking-distribution.test.ts checks the exact shares); 1.5x is 3-4 standard
    // deviations from both sides at 480 battles.
    const few = pairs.get('beta-diffusion v gamma-gen')!;
    for (const [pair, count] of pairs)
      if (pair !== 'beta-diffusion v gamma-gen') expect(few).toBeGreaterThan(1.5 * count);
    // Sides by a fair coin: each model's left share within 4 standard deviations of one half.
    for (const model of ORDER) {
      const appearances = shown.filter((p) => p.left === model || p.right === model).length;
      const onLeft = shown.filter((p) => p.left === model).length;
      expect(Math.abs(onLeft - appearances / 2)).toBeLessThanOrEqual(
        4 * Math.sqrt(appearances / 4),
      );
    }
  });

  it('boosts a new model until it has a rating', async () => {
    const [template] = await ctx().db.select().from(models).where(eq(models.slug, 'delta-draw'));
    const [fresh] = await ctx()
      .db.insert(models)
      .values({ ...template!, id: undefined, slug: 'epsilon-new', name: 'Epsilon New' })
      .returning();
    const answers = await ctx()
      .db.select()
      .from(generations)
      .where(eq(generations.modelId, template!.id));
    await ctx()
      .db.insert(generations)
      .values(answers.map((answer) => ({ ...answer, id: undefined, modelId: fresh!.id })));
    const voters = await Promise.all(
      Array.from({ length: 40 }, async () => await createVoter(ctx())),
    );
    const shown = await issue(200, voters);
    const withNew = shown.filter((p) => p.left === 'epsilon-new' || p.right === 'epsilon-new');
    // Uniform pairing would give it 4 of 10 pairs, 40% of battles.
    expect(withNew.length / shown.length).toBeGreaterThan(0.7);
  });
});
