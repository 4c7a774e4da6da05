import { battles, generations, models, providers, ratings, votes } from '@arena/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { DRIVERS, startVotableArena, TEST_SESSION_SECRET, type TestArena } from '../support/arena';
import { battleRow, newBattle, votesOn } from '../support/battles';
import { TestClient } from '../support/client';

/**
 * POST /api/battles and POST /api/battles/{id}/vote, on each database driver: battles that name
 * nothing, votes counted once, refusals with clear 4xx bodies, and ratings that stay zero-sum.
 */
describe.each(DRIVERS)('battles and votes on %s', (driver) => {
  let arena: TestArena;
  const client = () => new TestClient(arena.app);
  const db = () => arena.runtime.ctx.db;

  beforeAll(async () => {
    arena = await startVotableArena(driver);
  });
  afterAll(async () => {
    await arena?.close();
  });

  it('issues battles that never name a model, a provider or an attempt', async () => {
    const allModels = await db().select().from(models);
    const allProviders = await db().select().from(providers);
    const gens = await db().select({ id: generations.id }).from(generations);
    const forbidden = [
      ...allModels.flatMap((m) => [m.id, m.slug, m.name, m.creator]),
      ...allProviders.flatMap((p) => [p.id, p.slug, p.name]),
      ...gens.map((g) => g.id),
    ];
    const voter = client();
    for (let i = 0; i < 20; i++) {
      const battle = await newBattle(voter);
      const text = JSON.stringify(battle);
      for (const word of forbidden) expect(text).not.toContain(word);
      expect(Object.keys(battle).sort()).toEqual(
        ['arena', 'challenge', 'expiresAt', 'id', 'issuedAt', 'left', 'minViewMs', 'right'].sort(),
      );
      expect(Object.keys(battle.left)).toEqual(['imageUrl']);
      expect(battle.left.imageUrl).not.toEqual(battle.right.imageUrl);
    }
  });

  it('reveals both models and the rating change after a vote', async () => {
    const voter = client();
    const battle = await newBattle(voter);
    const response = await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' });
    expect(response.status).toBe(200);
    const result = response.body;
    const row = await battleRow(db(), battle.id);
    const [leftGen] = await db()
      .select()
      .from(generations)
      .where(eq(generations.id, row.leftGenerationId));
    expect(result.left.model.id).toBe(leftGen!.modelId);
    expect(result.left.model.id).not.toBe(result.right.model.id);
    expect(result.left.overall.delta).toBeGreaterThan(0);
    expect(result.left.overall.delta).toBeCloseTo(-result.right.overall.delta, 10);
    expect(result.left.overall.after).toBeCloseTo(
      result.left.overall.before + result.left.overall.delta,
      10,
    );
    expect(result.category.slug).toBe(battle.challenge.category.slug);
    expect(result.counted).toBe(true);
  });

  it('counts a vote posted twice once', async () => {
    const voter = client();
    const battle = await newBattle(voter);
    const first = await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'tie' });
    const second = await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'right' });
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('already_voted');
    const rows = await votesOn(db(), battle.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.outcome).toBe('tie');
  });

  it('counts a vote posted concurrently once', async () => {
    const voter = client();
    const battle = await newBattle(voter);
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    expect(await votesOn(db(), battle.id)).toHaveLength(1);
  });

  it('refuses a foreign battle with 403 and keeps it votable by its owner', async () => {
    const voter = client();
    const battle = await newBattle(voter);
    const stranger = client();
    const refused = await stranger.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'battle_not_yours',
      requestId: expect.any(String),
    });
    const { voterId } = await battleRow(db(), battle.id);
    const forged = await client().post(
      `/api/battles/${battle.id}/vote`,
      { outcome: 'left' },
      { cookie: `arena_voter=${encodeURIComponent(voterId)}.forged` },
    );
    expect(forged.status).toBe(403);
    const owner = await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' });
    expect(owner.status).toBe(200);
  });

  it('refuses an expired battle with 410', async () => {
    const voter = client();
    const battle = await newBattle(voter);
    await db()
      .update(battles)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(battles.id, battle.id));
    const response = await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' });
    expect(response.status).toBe(410);
    expect(response.body.code).toBe('battle_expired');
    expect(await votesOn(db(), battle.id)).toHaveLength(0);
  });

  it('refuses a vote faster than the minimum viewing time with 425', async () => {
    const ctx = arena.runtime.ctx;
    const strict = createApp({
      ctx: { ...ctx, config: { ...ctx.config, minViewMs: 60_000 } },
      sessionSecret: TEST_SESSION_SECRET,
    });
    const voter = new TestClient(strict);
    const battle = await newBattle(voter);
    const response = await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' });
    expect(response.status).toBe(425);
    expect(response.body.code).toBe('too_early');
  });

  it('answers unknown battles with 404 and malformed ids with 400', async () => {
    const voter = client();
    const unknown = await voter.post('/api/battles/00000000-0000-4000-8000-000000000000/vote', {
      outcome: 'left',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('battle_not_found');
    const malformed = await voter.post('/api/battles/not-a-uuid/vote', { outcome: 'left' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('invalid_request');
  });

  it('answers bad bodies with 4xx JSON errors and loses nothing', async () => {
    const voter = client();
    const battle = await newBattle(voter);
    const vote = `/api/battles/${battle.id}/vote`;
    const cases: Array<[string, unknown, number, string]> = [
      ['/api/battles', '{"arena": ', 400, 'invalid_json'],
      ['/api/battles', {}, 400, 'invalid_request'],
      ['/api/battles', { arena: 'video' }, 400, 'invalid_request'],
      ['/api/battles', { arena: 'text-to-image', extra: 1 }, 400, 'invalid_request'],
      ['/api/battles', [1, 2], 400, 'invalid_request'],
      ['/api/battles', { arena: 'text-to-image', category: 'no-such' }, 404, 'category_not_found'],
      [
        '/api/battles',
        { arena: 'text-to-image', category: 'x'.repeat(81) },
        400,
        'invalid_request',
      ],
      // A NUL character cannot be stored in Postgres text: refused, not a 500.
      ['/api/battles', { arena: 'text-to-image', category: 'logo\u0000' }, 400, 'invalid_request'],
      [vote, { outcome: 'middle' }, 400, 'invalid_request'],
      [vote, {}, 400, 'invalid_request'],
      [vote, 'null', 400, 'invalid_request'],
      [vote, '{"outcome":"left"', 400, 'invalid_json'],
      [vote, { outcome: 'left', pad: 'x'.repeat(100_000) }, 413, 'payload_too_large'],
    ];
    for (const [path, body, status, code] of cases) {
      const response = await voter.post(path, body);
      const label = `${path} ${typeof body === 'string' ? body : '(json)'}`;
      expect(response.status, label).toBe(status);
      expect(response.headers.get('content-type'), label).toContain('application/json');
      expect(response.body, label).toMatchObject({
        code,
        message: expect.any(String),
        requestId: expect.any(String),
      });
    }
    const wrongType = await voter.post(vote, 'outcome=left', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(wrongType.status).toBeGreaterThanOrEqual(400);
    expect(wrongType.status).toBeLessThan(500);
    expect(wrongType.body.code).toEqual(expect.any(String));
    // The battle survived all of that and still takes its one vote.
    const ok = await voter.post(vote, { outcome: 'right' });
    expect(ok.status).toBe(200);
  });

  it('keeps ratings zero-sum after 200 concurrent votes', async () => {
    const count = sql<number>`count(*)`.mapWith(Number);
    const [before] = await db().select({ n: count }).from(votes);
    const issued = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const voter = client();
        return { voter, battle: await newBattle(voter) };
      }),
    );
    const outcomes = ['left', 'right', 'tie', 'both_bad'] as const;
    const responses = await Promise.all(
      issued.map(({ voter, battle }, i) =>
        voter.post(`/api/battles/${battle.id}/vote`, { outcome: outcomes[i % 4] }),
      ),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(200);
    const [after] = await db().select({ n: count }).from(votes);
    expect(after!.n - before!.n).toBe(200);

    const sums = await db()
      .select({
        arena: ratings.arena,
        scope: ratings.scope,
        total: sql<number>`sum(${ratings.rating})`.mapWith(Number),
        rows: count,
        games: sql<number>`sum(${ratings.games})`.mapWith(Number),
      })
      .from(ratings)
      .groupBy(ratings.arena, ratings.scope);
    const voteCounts = await db()
      .select({ arena: votes.arena, n: count })
      .from(votes)
      .where(eq(votes.counted, true))
      .groupBy(votes.arena);
    for (const sum of sums) {
      expect(sum.total).toBeCloseTo(1000 * sum.rows, 6);
      if (sum.scope === 'overall') {
        const n = voteCounts.find((v) => v.arena === sum.arena)!.n;
        expect(sum.games).toBe(2 * n);
      }
    }
  });
});
