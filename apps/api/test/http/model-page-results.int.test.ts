import { OVERALL_SCOPE } from '@arena/core';
import { models, ratingHistory } from '@arena/db';
import { closeChallenge, recomputeLeaderboards } from '@arena/services';
import { insertVotes, tournament } from '@arena/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, type TestArena } from '../support/arena';
import { TestClient } from '../support/client';
import { challengeId } from '../support/db';
import { ALPHA, BETA, latestSnapshot, publishResults } from '../support/results';

/**
 * What the model and challenge pages read beyond the plain results (results.int.test.ts): the
 * source image of an editing challenge, the catalog's profile of a model, its gallery, the
 * challenges each matchup was played on, and a rating history that ends at the published board.
 * Night sky (image editing) is voted on twice, recomputed after each, then closed.
 */
describe('model page and challenge page fields', () => {
  let arena: TestArena;
  const client = () => new TestClient(arena.app);

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    await publishResults(arena);
    const ctx = arena.runtime.ctx;
    // Alpha beats beta 6 to 2 on night sky: the first recompute keeps a history point...
    await insertVotes(ctx.db, tournament('night-sky', [ALPHA, BETA], 6, 2));
    await recomputeLeaderboards(ctx);
    // ...the second, moments later and from fewer than twice the votes, publishes a board only.
    await insertVotes(ctx.db, tournament('night-sky', [ALPHA, BETA], 1, 2));
    await recomputeLeaderboards(ctx);
    await closeChallenge(ctx, {
      challengeId: await challengeId(arena, 'night-sky'),
      operatorId: null,
    });
    await ctx.db
      .update(models)
      .set({
        family: 'Alpha',
        tags: ['fast', 'open weights'],
        description: 'The first model of the test catalog.',
        notes: 'Output up to 1K.',
      })
      .where(eq(models.slug, ALPHA));
  });
  afterAll(async () => {
    await arena?.close();
  });

  it("names an editing challenge's source image in its leaderboard, and serves it", async () => {
    const board = await client().get('/api/challenges/night-sky/leaderboard');
    expect(board.status).toBe(200);
    const url = board.body.challenge.sourceImageUrl as string;
    expect(url).toMatch(/^\/api\/source-images\/[\w-]+$/);
    const image = await client().get(url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\//);
    expect(board.body.rows.map((row: any) => row.model.slug)).toEqual([ALPHA, BETA]);

    const text = await client().get('/api/challenges/rainy-street/leaderboard');
    expect(text.body.challenge.sourceImageUrl).toBeNull();
  });

  it("gives a model's profile from the catalog, and every attempt of its results", async () => {
    const alpha = await client().get(`/api/models/${ALPHA}/results`);
    expect(alpha.status).toBe(200);
    expect(alpha.body.profile).toEqual({
      family: 'Alpha',
      tags: ['fast', 'open weights'],
      description: 'The first model of the test catalog.',
      notes: 'Output up to 1K.',
      modelRef: expect.toBeOneOf([null, expect.any(String)]),
      releasedAt: expect.toBeOneOf([null, expect.any(String)]),
      arenas: ['text-to-image', 'image-editing'],
    });
    const bySlug = new Map(alpha.body.challenges.map((c: any) => [c.challenge.slug, c]));
    const rainy = bySlug.get('rainy-street') as any;
    expect(rainy.gallery.map((a: any) => a.attempt)).toEqual([1, 2, 3]);
    expect(rainy.gallery.find((a: any) => a.attempt === 2)).toEqual(rainy.bestAttempt);
    for (const attempt of rainy.gallery) {
      expect((await client().get(attempt.imageUrl)).status).toBe(200);
    }
    // The editing result carries its source: the page shows it before and after.
    const night = bySlug.get('night-sky') as any;
    expect(night.challenge.sourceImageUrl).toMatch(/^\/api\/source-images\//);
    expect(night.gallery.length).toBe(night.attempts);

    const beta = await client().get(`/api/models/${BETA}/results`);
    expect(beta.body.profile).toMatchObject({ family: null, tags: [], description: null });
  });

  it('says on which closed challenges each matchup was won and lost', async () => {
    const h2h = await client().get(`/api/models/${ALPHA}/head-to-head`);
    expect(h2h.status).toBe(200);
    const vsBeta = (arena: string) =>
      h2h.body.matchups.find((m: any) => m.arena === arena && m.opponent.slug === BETA);
    // 40-10 in rainy street and 1-1-1 in cafe logo; the most played first.
    expect(vsBeta('text-to-image').challenges).toEqual([
      { slug: 'rainy-street', title: 'Rainy Street', wins: 40, losses: 10, ties: 0 },
      { slug: 'cafe-logo', title: expect.any(String), wins: 1, losses: 1, ties: 1 },
    ]);
    expect(vsBeta('image-editing').challenges).toEqual([
      { slug: 'night-sky', title: 'Night Sky', wins: 7, losses: 4, ties: 0 },
    ]);
  });

  it('ends the rating history at the published rating', async () => {
    const snapshot = (await latestSnapshot(arena, 'image-editing'))!;
    const alphaId = (await client().get(`/api/models/${ALPHA}/results`)).body.model.id;
    const row = snapshot.rows.find((r) => r.modelId === alphaId)!;
    const kept = await arena.runtime.ctx.db
      .select()
      .from(ratingHistory)
      .where(
        and(
          eq(ratingHistory.modelId, alphaId),
          eq(ratingHistory.arena, 'image-editing'),
          eq(ratingHistory.scope, OVERALL_SCOPE),
        ),
      );
    // One point was kept, from the first board; the second board was published without one.
    expect(kept).toHaveLength(1);
    expect(kept[0]!.computedAt.getTime()).toBeLessThan(snapshot.computedAt.getTime());

    const history = await client().get(`/api/models/${ALPHA}/history?arena=image-editing`);
    expect(history.status).toBe(200);
    expect(history.body.points).toHaveLength(2);
    expect(history.body.points[0]).toMatchObject({ rating: kept[0]!.rating, votes: 8 });
    expect(history.body.points.at(-1)).toEqual({
      computedAt: snapshot.computedAt.toISOString(),
      rating: row.rating,
      ciLow: row.ciLow,
      ciHigh: row.ciHigh,
      rank: row.rank,
      votes: 11,
    });
    const board = await client().get('/api/leaderboards/image-editing');
    const published = board.body.rows.find((r: any) => r.model.slug === ALPHA);
    expect(history.body.points.at(-1).rating).toBe(published.rating);
  });
});
