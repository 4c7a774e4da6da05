import { OVERALL_SCOPE } from '@arena/core';
import { leaderboardSnapshots, models, ratings } from '@arena/db';
import type { InProcessJobs, JobQueue } from '@arena/jobs';
import { waitFor } from '@arena/testing';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, type TestArena } from '../support/arena';
import { TestClient } from '../support/client';

/**
 * The public catalog (routes/public-catalog.ts): leaderboards, categories, models and
 * challenges. Votes here go to text to image only; image editing never gets a snapshot.
 */
describe('public catalog', () => {
  let arena: TestArena;
  const enqueued: { name: string; options: unknown }[] = [];
  const recomputes: unknown[] = [];
  let jobs: InProcessJobs;
  const client = () => new TestClient(arena.app);
  const db = () => arena.runtime.ctx.db;

  beforeAll(async () => {
    // A debounce long enough that a burst of votes always lands inside it.
    arena = await startVotableArena('postgres', { LEADERBOARD_DEBOUNCE_MS: '3000' });
    const ctx = arena.runtime.ctx;
    const queue = ctx.queue;
    jobs = queue as InProcessJobs;
    ctx.queue = {
      ...queue,
      enqueue: (name, payload, options) => {
        enqueued.push({ name, options });
        return queue.enqueue(name, payload, options);
      },
    } as JobQueue;
    // Job handlers share this context: count the recomputes that did work by their log line.
    ctx.logger = pino(
      { level: 'info' },
      {
        write: (line: string) => {
          const entry = JSON.parse(line);
          if (entry.msg === 'leaderboards recomputed') recomputes.push(entry);
        },
      },
    );
  });
  afterAll(async () => {
    await arena?.close();
  });

  const latest = (scope = OVERALL_SCOPE) =>
    db()
      .select()
      .from(leaderboardSnapshots)
      .where(
        and(eq(leaderboardSnapshots.arena, 'text-to-image'), eq(leaderboardSnapshots.scope, scope)),
      );

  it('serves online Elo, without intervals, before the first snapshot', async () => {
    // Online Elo as votes would have left it; image editing never gets a snapshot here.
    const bySlug = new Map((await db().select().from(models)).map((m) => [m.slug, m.id]));
    const elo = (slug: string, rating: number, wins: number, losses: number) => ({
      arena: 'image-editing' as const,
      scope: OVERALL_SCOPE,
      modelId: bySlug.get(slug)!,
      rating,
      games: wins + losses,
      wins,
      losses,
    });
    await db()
      .insert(ratings)
      .values([elo('alpha-image', 984, 1, 2), elo('beta-diffusion', 1016, 2, 1)]);
    const board = await client().get('/api/leaderboards/image-editing');
    expect(board.status).toBe(200);
    expect(board.body.snapshot).toBeNull();
    expect(board.body.rows.map((r: any) => [r.rank, r.model.slug, r.rating, r.games])).toEqual([
      [1, 'beta-diffusion', 1016, 3],
      [2, 'alpha-image', 984, 3],
    ]);
    for (const row of board.body.rows) {
      expect(row).toMatchObject({ ciLow: null, ciHigh: null, provisional: true, rating: row.elo });
    }
    expect(board.body.rows[0].winRate).toBeCloseTo(2 / 3, 12);
  });

  it('recomputes once after a burst of votes, then serves the snapshot with online Elo beside it', async () => {
    const requestsBefore = enqueued.length;
    const recomputesBefore = recomputes.length;
    const outcomes = ['left', 'left', 'right', 'tie', 'both_bad', 'left', 'right', 'left'] as const;
    const responses = await Promise.all(
      outcomes.map(async (outcome) => {
        const voter = client();
        const battle = await voter.post('/api/battles', { arena: 'text-to-image' });
        return voter.post(`/api/battles/${battle.body.id}/vote`, { outcome });
      }),
    );
    expect(responses.map((r) => r.status)).toEqual(outcomes.map(() => 200));
    const requests = enqueued
      .slice(requestsBefore)
      .filter((e) => e.name === 'leaderboard.recompute');
    expect(requests).toHaveLength(outcomes.length);
    for (const request of requests) {
      expect(request.options).toEqual({
        jobId: 'leaderboard.recompute',
        delayMs: 3000,
        replaceFinished: true,
      });
    }
    await waitFor(async () => (await latest()).length > 0, 30_000, 'a snapshot');
    await jobs.idle();
    expect(recomputes.length - recomputesBefore).toBe(1);
    const [snapshot] = await latest();
    expect(snapshot!.voteCount).toBe(outcomes.length);

    const board = await client().get('/api/leaderboards/text-to-image');
    expect(board.body.votes).toBe(outcomes.length);
    expect(board.body.snapshot).toMatchObject({
      method: 'bradley-terry',
      votes: outcomes.length,
      bootstrapRounds: 100,
      level: 0.95,
    });
    const elo = await db()
      .select()
      .from(ratings)
      .where(and(eq(ratings.arena, 'text-to-image'), eq(ratings.scope, OVERALL_SCOPE)));
    const rated = board.body.rows.filter((row: any) => row.ciLow !== null);
    expect(rated).toHaveLength(snapshot!.rows.length);
    for (const row of board.body.rows) {
      const published = snapshot!.rows.find((r) => r.modelId === row.model.id);
      const online = elo.find((r) => r.modelId === row.model.id);
      expect(row.elo).toBe(online?.rating ?? 1000);
      if (!published) {
        expect(row).toMatchObject({ ciLow: null, ciHigh: null, games: 0 });
        expect(row.rank).toBe(snapshot!.rows.length + 1);
        continue;
      }
      expect(row).toMatchObject({
        rating: published.rating,
        ciLow: published.ciLow,
        ciHigh: published.ciHigh,
        rank: published.rank,
        provisional: true,
        games: published.votes,
        wins: published.wins,
        losses: published.losses,
        ties: published.ties,
        bothBad: published.bothBad,
      });
      expect(row.ciLow).toBeLessThanOrEqual(row.rating);
      expect(row.ciHigh).toBeGreaterThanOrEqual(row.rating);
    }
    // Display ranks: 1 + the models whose interval lies wholly above; listed by rank, then rating.
    for (const row of rated) {
      const above = rated.filter((other: any) => other.ciLow > row.ciHigh).length;
      expect(row.rank).toBe(1 + above);
    }
    rated.forEach((row: any, i: number) => {
      const previous = rated[i - 1];
      if (!previous) return;
      expect(previous.rank).toBeLessThanOrEqual(row.rank);
      if (previous.rank === row.rank) expect(previous.rating).toBeGreaterThanOrEqual(row.rating);
    });
  });

  it('serves a leaderboard per arena and per category', async () => {
    const voter = client();
    const overall = await voter.get('/api/leaderboards/text-to-image');
    expect(overall.status).toBe(200);
    expect(overall.body.rows.length).toBe(4);
    // Best rank first, shared by models that cannot be told apart yet; by rating within a rank.
    const rows: { rank: number; rating: number }[] = overall.body.rows;
    expect(rows[0]!.rank).toBe(1);
    rows.forEach((row, i) => {
      expect(row.rank).toBeLessThanOrEqual(i + 1);
      const previous = rows[i - 1];
      if (!previous) return;
      expect(previous.rank).toBeLessThanOrEqual(row.rank);
      if (previous.rank === row.rank) expect(previous.rating).toBeGreaterThanOrEqual(row.rating);
    });
    const categories = await voter.get('/api/categories?arena=text-to-image');
    expect(categories.body.categories.map((c: { slug: string }) => c.slug).sort()).toEqual([
      'logo-typography',
      'photorealism',
    ]);
    const byCategory = await voter.get('/api/leaderboards/text-to-image?category=photorealism');
    expect(byCategory.status).toBe(200);
    expect(byCategory.body.category.slug).toBe('photorealism');
    expect(byCategory.body.votes).toBeLessThanOrEqual(overall.body.votes);
    const missing = await voter.get('/api/leaderboards/text-to-image?category=nope');
    expect(missing.status).toBe(404);
    const modelsList = await voter.get('/api/models');
    expect(modelsList.body.models).toHaveLength(4);
    const challengeList = await voter.get('/api/challenges?arena=text-to-image');
    expect(challengeList.body.challenges).toHaveLength(2);
    expect(challengeList.body.challenges[0].generations.total).toBe(12);
  });

  it('refuses an unknown arena and a NUL character in a category with 400', async () => {
    const badArena = await client().get('/api/leaderboards/video');
    expect(badArena.status).toBe(400);
    const nul = await client().get('/api/leaderboards/text-to-image?category=%00');
    expect({ status: nul.status, code: nul.body.code }).toEqual({
      status: 400,
      code: 'invalid_request',
    });
  });
});
