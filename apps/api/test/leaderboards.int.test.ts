import { OVERALL_SCOPE } from '@arena/core';
import { leaderboardSnapshots, ratings } from '@arena/db';
import type { InProcessJobs, JobQueue } from '@arena/jobs';
import { waitFor } from '@arena/testing';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, type TestArena } from './support/arena';
import { TestClient } from './support/client';

describe('published leaderboards', () => {
  let arena: TestArena;
  const enqueued: { name: string; options: unknown }[] = [];
  const recomputes: unknown[] = [];
  let jobs: InProcessJobs;

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
    arena.runtime.ctx.db
      .select()
      .from(leaderboardSnapshots)
      .where(
        and(eq(leaderboardSnapshots.arena, 'text-to-image'), eq(leaderboardSnapshots.scope, scope)),
      );

  it('serves online Elo, without intervals, before the first snapshot', async () => {
    const board = await new TestClient(arena.app).get('/api/leaderboards/text-to-image');
    expect(board.status).toBe(200);
    expect(board.body.snapshot).toBeNull();
    expect(board.body.rows).toHaveLength(4);
    for (const row of board.body.rows) {
      expect(row).toMatchObject({ ciLow: null, ciHigh: null, provisional: true, rating: row.elo });
    }
    const bias = await new TestClient(arena.app).get(
      '/api/leaderboards/text-to-image/position-bias',
    );
    expect(bias.body).toMatchObject({
      decisive: 0,
      leftShare: 0.5,
      biased: false,
      computedAt: null,
    });
  });

  it('recomputes once after a burst of votes, then serves the snapshot with online Elo beside it', async () => {
    const outcomes = ['left', 'left', 'right', 'tie', 'both_bad', 'left', 'right', 'left'] as const;
    const responses = await Promise.all(
      outcomes.map(async (outcome) => {
        const voter = new TestClient(arena.app);
        const battle = await voter.post('/api/battles', { arena: 'text-to-image' });
        return voter.post(`/api/battles/${battle.body.id}/vote`, { outcome });
      }),
    );
    expect(responses.map((r) => r.status)).toEqual(outcomes.map(() => 200));
    const requests = enqueued.filter((e) => e.name === 'leaderboard.recompute');
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
    expect(recomputes).toHaveLength(1);
    const [snapshot] = await latest();
    expect(snapshot!.voteCount).toBe(outcomes.length);

    const board = await new TestClient(arena.app).get('/api/leaderboards/text-to-image');
    expect(board.body.votes).toBe(outcomes.length);
    expect(board.body.snapshot).toMatchObject({
      method: 'bradley-terry',
      votes: outcomes.length,
      bootstrapRounds: 100,
      level: 0.95,
    });
    const elo = await arena.runtime.ctx.db
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

  it('reports position bias from the snapshot', async () => {
    const bias = await new TestClient(arena.app).get(
      '/api/leaderboards/text-to-image/position-bias',
    );
    expect(bias.status).toBe(200);
    expect(bias.body).toMatchObject({ leftWins: 4, rightWins: 2, decisive: 6, biased: false });
    expect(bias.body.leftShare).toBeCloseTo(4 / 6, 12);
    expect(bias.body.low).toBeLessThan(0.5);
    expect(bias.body.high).toBeGreaterThan(4 / 6);
    const missing = await new TestClient(arena.app).get(
      '/api/leaderboards/text-to-image/position-bias?category=nope',
    );
    expect(missing.status).toBe(404);
  });

  it('keeps rating history per model for charts', async () => {
    const client = new TestClient(arena.app);
    const [snapshot] = await latest();
    const modelId = snapshot!.rows[0]!.modelId;
    const board = await client.get('/api/leaderboards/text-to-image');
    const slug = board.body.rows.find((r: any) => r.model.id === modelId).model.slug;
    const history = await client.get(`/api/models/${slug}/history?arena=text-to-image`);
    expect(history.status).toBe(200);
    expect(history.body.points).toEqual([
      {
        computedAt: snapshot!.computedAt.toISOString(),
        rating: snapshot!.rows[0]!.rating,
        ciLow: snapshot!.rows[0]!.ciLow,
        ciHigh: snapshot!.rows[0]!.ciHigh,
        rank: snapshot!.rows[0]!.rank,
        votes: snapshot!.rows[0]!.votes,
      },
    ]);
    expect((await client.get(`/api/models/${slug}/history`)).status).toBe(400);
    expect((await client.get('/api/models/nope/history?arena=text-to-image')).status).toBe(404);
  });
});
