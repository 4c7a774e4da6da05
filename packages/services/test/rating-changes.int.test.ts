import { eloChange, OVERALL_SCOPE, type VoteOutcome } from '@arena/core';
import { models, ratingChanges, ratings } from '@arena/db';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRatingChanges } from '../src/ratings/apply-rating-changes';
import { createTestServices, type TestServices } from './support/test-services';

const OUTCOMES: VoteOutcome[] = ['left', 'right', 'tie', 'both_bad'];

/**
 * The ratings consumer (ratings/apply-rating-changes.ts): votes queue their Elo steps, and the
 * consumer adds them to the rating rows. Whatever the batching and however many consumers run
 * at once, each step is applied exactly once and the ratings end at initial + the sum of steps.
 */
describe.each(['postgres', 'pglite'] as const)('the ratings consumer on %s', (driver) => {
  let test: TestServices;
  let modelIds: string[];

  beforeAll(async () => {
    test = await createTestServices({ driver });
    const rows = await test.ctx.db
      .insert(models)
      .values(
        Array.from({ length: 5 }, (_, i) => ({
          slug: `consumer-model-${i}`,
          name: `Consumer model ${i}`,
          creator: 'Test',
          arenas: ['text-to-image' as const],
        })),
      )
      .returning({ id: models.id });
    modelIds = rows.map((row) => row.id);
  }, 60_000);
  afterAll(async () => {
    await test?.close();
  });

  it('applies each queued step once, batched and with consumers racing', async () => {
    const { db } = test.ctx;
    // More steps than one batch, on two scopes, with the deltas a sequence of votes would show.
    const expected = new Map<
      string,
      { rating: number; games: number; wins: number; ties: number; bothBad: number }
    >();
    const at = (scope: string, model: string) => {
      const key = `${scope}|${model}`;
      if (!expected.has(key))
        expected.set(key, { rating: 1000, games: 0, wins: 0, ties: 0, bothBad: 0 });
      return expected.get(key)!;
    };
    const steps = [];
    for (let i = 0; i < 12_345; i += 1) {
      const left = modelIds[i % 5]!;
      const right = modelIds[(i * 7 + 1) % 5 === i % 5 ? (i + 1) % 5 : (i * 7 + 1) % 5]!;
      const scope = i % 3 === 0 ? 'category-x' : OVERALL_SCOPE;
      const outcome = OUTCOMES[(i * 13) % 4]!;
      const l = at(scope, left);
      const r = at(scope, right);
      const { left: delta } = eloChange(l.rating, r.rating, outcome, 32);
      l.rating += delta;
      r.rating -= delta;
      for (const [side, row] of [
        ['left', l],
        ['right', r],
      ] as const) {
        row.games += 1;
        if (outcome === side) row.wins += 1;
        if (outcome === 'tie') row.ties += 1;
        if (outcome === 'both_bad') row.bothBad += 1;
      }
      steps.push({
        voteId: randomUUID(),
        arena: 'text-to-image' as const,
        scope,
        leftModelId: left,
        rightModelId: right,
        outcome,
        delta,
      });
    }
    for (let i = 0; i < steps.length; i += 1_000) {
      await db.insert(ratingChanges).values(steps.slice(i, i + 1_000));
    }

    const applied = await Promise.all([1, 2, 3].map(() => applyRatingChanges(test.ctx)));
    expect(applied.reduce((a, b) => a + b, 0)).toBe(steps.length);
    expect(await db.select().from(ratingChanges)).toEqual([]);

    const stored = await db.select().from(ratings);
    expect(stored).toHaveLength(expected.size);
    for (const row of stored) {
      const want = expected.get(`${row.scope}|${row.modelId}`)!;
      expect(row.rating).toBeCloseTo(want.rating, 6);
      expect(row).toMatchObject({
        games: want.games,
        wins: want.wins,
        losses: want.games - want.wins - want.ties - want.bothBad,
        ties: want.ties,
        bothBad: want.bothBad,
      });
    }
    // Nothing left: running again applies nothing and changes nothing.
    expect(await applyRatingChanges(test.ctx)).toBe(0);
    expect(await db.select().from(ratings)).toEqual(stored);
  }, 120_000);
});
