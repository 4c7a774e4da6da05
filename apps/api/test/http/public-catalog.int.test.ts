import { OVERALL_SCOPE } from '@arena/core';
import { leaderboardSnapshots, models, ratings } from '@arena/db';
import type { InProcessJobs, JobQueue } from '@arena/jobs';
import { createChallenge } from '@arena/services';
import { waitFor } from '@arena/testing';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, type TestArena } from '../support/arena';
import { newBattle } from '../support/battles';
import { TestClient } from '../support/client';
import { challengeId } from '../support/db';
import { expectError } from '../support/errors';

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
        const battle = await newBattle(voter);
        return voter.post(`/api/battles/${battle.id}/vote`, { outcome });
      }),
    );
    expect(responses.map((r) => r.status)).toEqual(outcomes.map(() => 200));
    const requests = enqueued
      .slice(requestsBefore)
      .filter((e) => e.name === 'leaderboard.recompute');
    // The process asks the queue once for the whole burst: the job it asked for is still
    // waiting, so asking again would cost a round trip for nothing.
    expect(requests).toHaveLength(1);
    for (const request of requests) {
      expect(request.options).toEqual({
        jobId: 'leaderboard.recompute',
        delayMs: 3000,
        replaceFinished: true,
        rerunIfActive: true,
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
  });

  it('refuses invalid leaderboard requests: 400 for the arena or query, 404 for the category', async () => {
    const cases: Array<[string, number, string]> = [
      ['video', 400, 'invalid_request'],
      ['text-to-image?category=%00', 400, 'invalid_request'],
      [`text-to-image?category=${'x'.repeat(81)}`, 400, 'invalid_request'],
      ['text-to-image?category=nope', 404, 'category_not_found'],
      ['text-to-image?category=scene-transformation', 404, 'category_not_found'],
    ];
    for (const [path, status, code] of cases) {
      expectError(await client().get(`/api/leaderboards/${path}`), status, code, path);
    }
  });

  it('lists the models with their arenas, by name', async () => {
    const response = await client().get('/api/models');
    expect(response.status).toBe(200);
    const t2i = ['text-to-image'];
    const both = ['text-to-image', 'image-editing'];
    expect(response.body.models.map((m: any) => [m.name, m.slug, m.creator, m.arenas])).toEqual([
      ['Alpha Image', 'alpha-image', 'Alpha Labs', both],
      ['Beta Diffusion', 'beta-diffusion', 'Beta Inc', both],
      ['Delta Draw', 'delta-draw', 'Delta Studio', t2i],
      ['Gamma Gen', 'gamma-gen', 'Gamma AI', t2i],
    ]);
    const ids = new Map((await db().select().from(models)).map((m) => [m.slug, m.id]));
    for (const model of response.body.models) {
      expect(model).toMatchObject({ id: ids.get(model.slug), active: true, modelRef: null });
    }
  });

  it('lists categories, all or of one arena, with their open or closed challenges', async () => {
    const all = await client().get('/api/categories');
    expect(all.status).toBe(200);
    expect(all.body.categories.map((c: any) => [c.arena, c.slug, c.name, c.challenges])).toEqual([
      ['image-editing', 'scene-transformation', 'Scene transformation', 1],
      ['text-to-image', 'logo-typography', 'Logo & typography', 1],
      ['text-to-image', 'photorealism', 'Photorealism', 1],
    ]);
    const editing = await client().get('/api/categories?arena=image-editing');
    expect(editing.body.categories.map((c: any) => c.slug)).toEqual(['scene-transformation']);
    expectError(await client().get('/api/categories?arena=video'), 400, 'invalid_request');
  });

  it('lists challenges with their generation progress, filtered, and never a draft', async () => {
    // A draft is for operators: neither listed nor counted, whatever the filter.
    await createChallenge(arena.runtime.ctx, {
      operatorId: null,
      challenge: {
        slug: 'secret-draft',
        title: 'Secret draft',
        arena: 'text-to-image',
        category: 'photorealism',
        prompt: 'Not public yet.',
      },
    });
    const all = await client().get('/api/challenges');
    expect(all.status).toBe(200);
    const done = (total: number) => ({ total, succeeded: total, failed: 0, pending: 0 });
    expect(
      all.body.challenges.map((c: any) => [
        c.slug,
        c.category.slug,
        c.status,
        c.size,
        c.generations,
      ]),
    ).toEqual([
      ['night-sky', 'scene-transformation', 'voting', '1:1 0.5K', done(6)],
      ['cafe-logo', 'logo-typography', 'voting', '1:1 0.5K', done(12)],
      ['rainy-street', 'photorealism', 'voting', '1:1 0.5K', done(12)],
    ]);
    expect(all.body.challenges[2]).toMatchObject({
      id: await challengeId(arena, 'rainy-street'),
      title: 'Rainy Street',
      arena: 'text-to-image',
      prompt: expect.stringMatching(/red bicycle in light rain/),
    });
    const slugs = async (query: string) =>
      (await client().get(`/api/challenges?${query}`)).body.challenges.map((c: any) => c.slug);
    expect(await slugs('arena=image-editing')).toEqual(['night-sky']);
    expect(await slugs('arena=text-to-image&status=voting')).toEqual(['cafe-logo', 'rainy-street']);
    expect(await slugs('status=closed')).toEqual([]);
    expect(await slugs('status=draft')).toEqual([]);
    expect(JSON.stringify((await client().get('/api/categories')).body)).not.toContain('secret');
    for (const query of ['status=open', 'arena=video']) {
      expectError(await client().get(`/api/challenges?${query}`), 400, 'invalid_request', query);
    }
  });
});
