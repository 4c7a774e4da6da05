import { battles, generations, models, providers, ratings, votes } from '@arena/db';
import type { TestDriver } from '@arena/testing';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, type TestArena } from './arena';
import { TestClient } from './client';

/**
 * The public API's behaviour, run against each database driver: battles that name nothing,
 * votes counted once, refusals with clear 4xx bodies, and ratings that stay zero-sum.
 */
export function defineApiSuite(driver: TestDriver) {
  describe(`public API on ${driver}`, () => {
    let arena: TestArena;
    const client = () => new TestClient(arena.app);

    beforeAll(async () => {
      arena = await startVotableArena(driver);
    });
    afterAll(async () => {
      await arena?.close();
    });

    async function newBattle(voter = client(), body: unknown = { arena: 'text-to-image' }) {
      const response = await voter.post('/api/battles', body);
      expect(response.status).toBe(201);
      return { voter, battle: response.body };
    }

    it('issues battles that never name a model, a provider or an attempt', async () => {
      const allModels = await arena.runtime.ctx.db.select().from(models);
      const allProviders = await arena.runtime.ctx.db.select().from(providers);
      const gens = await arena.runtime.ctx.db.select({ id: generations.id }).from(generations);
      const forbidden = [
        ...allModels.flatMap((m) => [m.id, m.slug, m.name, m.creator]),
        ...allProviders.flatMap((p) => [p.id, p.slug, p.name]),
        ...gens.map((g) => g.id),
      ];
      const voter = client();
      for (let i = 0; i < 20; i++) {
        const { battle } = await newBattle(voter);
        const text = JSON.stringify(battle);
        for (const word of forbidden) expect(text).not.toContain(word);
        expect(Object.keys(battle).sort()).toEqual(
          [
            'arena',
            'challenge',
            'expiresAt',
            'id',
            'issuedAt',
            'left',
            'minViewMs',
            'right',
          ].sort(),
        );
        expect(Object.keys(battle.left)).toEqual(['imageUrl']);
        expect(battle.left.imageUrl).not.toEqual(battle.right.imageUrl);

        const left = await voter.get(battle.left.imageUrl);
        const right = await voter.get(battle.right.imageUrl);
        expect(left.status).toBe(200);
        expect(right.status).toBe(200);
        const headerNames = (h: Headers) =>
          [...h.keys()].filter((k) => k !== 'content-length' && k !== 'x-request-id').sort();
        expect(headerNames(left.headers)).toEqual(headerNames(right.headers));
        for (const name of headerNames(left.headers))
          expect(left.headers.get(name)).toEqual(right.headers.get(name));
        expect(left.headers.get('etag')).toBeNull();
        expect(left.headers.get('last-modified')).toBeNull();
        const meta = await sharp(left.body as Buffer).metadata();
        expect(meta.format).toBe('webp');
        expect(meta.exif).toBeUndefined();
        expect(meta.xmp).toBeUndefined();
      }
    });

    it('serves the source image of an editing battle', async () => {
      const { voter, battle } = await newBattle(client(), { arena: 'image-editing' });
      expect(battle.challenge.sourceImageUrl).toMatch(/^\/api\/source-images\//);
      const source = await voter.get(battle.challenge.sourceImageUrl);
      expect(source.status).toBe(200);
      expect(source.headers.get('content-type')).toBe('image/webp');
    });

    it('reveals both models and the rating change after a vote', async () => {
      const { voter, battle } = await newBattle();
      const response = await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' });
      expect(response.status).toBe(200);
      const result = response.body;
      const [row] = await arena.runtime.ctx.db
        .select()
        .from(battles)
        .where(eq(battles.id, battle.id));
      const [leftGen] = await arena.runtime.ctx.db
        .select()
        .from(generations)
        .where(eq(generations.id, row!.leftGenerationId));
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
      const { voter, battle } = await newBattle();
      const first = await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'tie' });
      const second = await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'right' });
      expect(first.status).toBe(200);
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('already_voted');
      const rows = await arena.runtime.ctx.db
        .select()
        .from(votes)
        .where(eq(votes.battleId, battle.id));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.outcome).toBe('tie');
    });

    it('counts a vote posted concurrently once', async () => {
      const { voter, battle } = await newBattle();
      const responses = await Promise.all(
        Array.from({ length: 12 }, () =>
          voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' }),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(11);
      const rows = await arena.runtime.ctx.db
        .select()
        .from(votes)
        .where(eq(votes.battleId, battle.id));
      expect(rows).toHaveLength(1);
    });

    it('refuses a foreign battle with 403 and keeps it votable by its owner', async () => {
      const { voter, battle } = await newBattle();
      const stranger = client();
      const refused = await stranger.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        code: 'battle_not_yours',
        requestId: expect.any(String),
      });
      const forged = await client().post(
        `/api/battles/${battle.id}/vote`,
        { outcome: 'left' },
        {
          cookie: `arena_voter=${encodeURIComponent((await arena.runtime.ctx.db.select().from(battles).where(eq(battles.id, battle.id)))[0]!.voterId)}.forged`,
        },
      );
      expect(forged.status).toBe(403);
      const owner = await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' });
      expect(owner.status).toBe(200);
    });

    it('refuses an expired battle with 410', async () => {
      const { voter, battle } = await newBattle();
      await arena.runtime.ctx.db
        .update(battles)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(battles.id, battle.id));
      const response = await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' });
      expect(response.status).toBe(410);
      expect(response.body.code).toBe('battle_expired');
      const rows = await arena.runtime.ctx.db
        .select()
        .from(votes)
        .where(eq(votes.battleId, battle.id));
      expect(rows).toHaveLength(0);
    });

    it('refuses a vote faster than the minimum viewing time with 425', async () => {
      const { createApp } = await import('../../src/app');
      const { TEST_SESSION_SECRET } = await import('./arena');
      const ctx = arena.runtime.ctx;
      const strict = createApp({
        ctx: { ...ctx, config: { ...ctx.config, minViewMs: 60_000 } },
        sessionSecret: TEST_SESSION_SECRET,
      });
      const voter = new TestClient(strict);
      const { battle } = await newBattle(voter);
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
      const { voter, battle } = await newBattle();
      const cases: Array<[string, unknown, number, string]> = [
        ['/api/battles', '{"arena": ', 400, 'invalid_json'],
        ['/api/battles', {}, 400, 'invalid_request'],
        ['/api/battles', { arena: 'video' }, 400, 'invalid_request'],
        ['/api/battles', { arena: 'text-to-image', extra: 1 }, 400, 'invalid_request'],
        ['/api/battles', [1, 2], 400, 'invalid_request'],
        [
          '/api/battles',
          { arena: 'text-to-image', category: 'no-such-category' },
          404,
          'category_not_found',
        ],
        [
          '/api/battles',
          { arena: 'text-to-image', category: 'x'.repeat(81) },
          400,
          'invalid_request',
        ],
        // A NUL character cannot be stored in Postgres text: refused, not a 500.
        [
          '/api/battles',
          { arena: 'text-to-image', category: 'logo\u0000' },
          400,
          'invalid_request',
        ],
        [`/api/battles/${battle.id}/vote`, { outcome: 'middle' }, 400, 'invalid_request'],
        [`/api/battles/${battle.id}/vote`, {}, 400, 'invalid_request'],
        [`/api/battles/${battle.id}/vote`, 'null', 400, 'invalid_request'],
        [`/api/battles/${battle.id}/vote`, '{"outcome":"left"', 400, 'invalid_json'],
        [
          `/api/battles/${battle.id}/vote`,
          { outcome: 'left', pad: 'x'.repeat(100_000) },
          413,
          'payload_too_large',
        ],
      ];
      for (const [path, body, status, code] of cases) {
        const response = await voter.post(path, body);
        expect({
          path,
          body: typeof body === 'string' ? body : '(json)',
          status: response.status,
        }).toEqual({
          path,
          body: typeof body === 'string' ? body : '(json)',
          status,
        });
        expect(response.headers.get('content-type')).toContain('application/json');
        expect(response.body).toMatchObject({
          code,
          message: expect.any(String),
          requestId: expect.any(String),
        });
      }
      const wrongType = await voter.post(`/api/battles/${battle.id}/vote`, 'outcome=left', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(wrongType.status).toBeGreaterThanOrEqual(400);
      expect(wrongType.status).toBeLessThan(500);
      expect(wrongType.body.code).toEqual(expect.any(String));
      const badQuery = await voter.get('/api/leaderboards/video');
      expect(badQuery.status).toBe(400);
      for (const path of [
        '/api/models/%00/results',
        '/api/challenges/a%00b/leaderboard',
        '/api/leaderboards/text-to-image?category=%00',
      ]) {
        const nul = await voter.get(path);
        expect({ path, status: nul.status, code: nul.body.code }).toEqual({
          path,
          status: 400,
          code: 'invalid_request',
        });
      }
      const unknownRoute = await voter.get('/api/nothing-here');
      expect(unknownRoute.status).toBe(404);
      expect(unknownRoute.body.code).toBe('not_found');
      // The battle survived all of that and still takes its one vote.
      const ok = await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'right' });
      expect(ok.status).toBe(200);
    });

    it('keeps ratings zero-sum after 200 concurrent votes', async () => {
      const db = arena.runtime.ctx.db;
      const [before] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(votes);
      const issued = await Promise.all(Array.from({ length: 200 }, () => newBattle()));
      const outcomes = ['left', 'right', 'tie', 'both_bad'] as const;
      const responses = await Promise.all(
        issued.map(({ voter, battle }, i) =>
          voter.post(`/api/battles/${battle.id}/vote`, { outcome: outcomes[i % 4] }),
        ),
      );
      expect(responses.filter((r) => r.status === 200)).toHaveLength(200);
      const [after] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(votes);
      expect(after!.n - before!.n).toBe(200);

      const sums = await db
        .select({
          arena: ratings.arena,
          scope: ratings.scope,
          total: sql<number>`sum(${ratings.rating})`.mapWith(Number),
          rows: sql<number>`count(*)`.mapWith(Number),
          games: sql<number>`sum(${ratings.games})`.mapWith(Number),
        })
        .from(ratings)
        .groupBy(ratings.arena, ratings.scope);
      const voteCounts = await db
        .select({ arena: votes.arena, n: sql<number>`count(*)`.mapWith(Number) })
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
  });
}
