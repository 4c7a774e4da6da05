import { battles, categories, generations, ratings, votes } from '@arena/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { DRIVERS, startVotableArena, TEST_SESSION_SECRET, type TestArena } from '../support/arena';
import {
  battleRow,
  expectCoreEloStep,
  expectStoredBattle,
  expectZeroSumRatings,
  namesBehindBattles,
  newBattle,
  ratingsSettled,
  signedCookie,
  voterIdOf,
  votesOn,
} from '../support/battles';
import { TestClient } from '../support/client';
import { rowCounts } from '../support/db';
import { expectError } from '../support/errors';

const T2I = { arena: 'text-to-image' } as const;

/**
 * POST /api/battles and /api/battles/{id}/vote on each driver: battles that name nothing, bound
 * to a signed cookie; votes counted once; refusals that change nothing; zero-sum ratings.
 */
describe.each(DRIVERS)('battles and votes on %s', (driver) => {
  let arena: TestArena;
  const client = () => new TestClient(arena.app);
  const db = () => arena.runtime.ctx.db;
  const vote = (voter: TestClient, battleId: string, body: unknown, headers = {}) =>
    voter.post(`/api/battles/${battleId}/vote`, body, headers);

  beforeAll(async () => {
    arena = await startVotableArena(driver);
  });
  afterAll(async () => {
    await arena?.close();
  });

  it("issues a battle of two answers to one open challenge, to the cookie's voter", async () => {
    const voter = client();
    const first = await voter.post('/api/battles', T2I);
    expect(first.status).toBe(201);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('set-cookie')).toMatch(
      /^arena_voter=[^;]+; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    const battle = first.body;
    const voterId = voterIdOf(voter.cookie!);
    await expectStoredBattle(db(), battle, voterId);
    expect(battle.challenge.sourceImageUrl).toBeNull();
    expect(Date.parse(battle.expiresAt) - Date.parse(battle.issuedAt)).toBe(
      arena.runtime.ctx.config.battleTtlMs,
    );
    expect(battle.minViewMs).toBe(arena.runtime.ctx.config.minViewMs);

    // The same voter again, in one category: no new cookie, the same voter.
    const second = await voter.post('/api/battles', { ...T2I, category: 'logo-typography' });
    expect(second.status).toBe(201);
    expect(second.headers.get('set-cookie')).toBeNull();
    await expectStoredBattle(db(), second.body, voterId);
    expect(second.body.challenge).toMatchObject({
      title: 'Cafe Logo',
      category: { slug: 'logo-typography' },
    });
  });

  it('issues battles that never name a model, a provider, an attempt or an image', async () => {
    const forbidden = await namesBehindBattles(db());
    const voter = client();
    const urls = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const battle = await newBattle(voter);
      const text = JSON.stringify(battle);
      for (const word of forbidden) expect(text).not.toContain(word);
      expect(Object.keys(battle).sort()).toEqual(
        ['arena', 'challenge', 'expiresAt', 'id', 'issuedAt', 'left', 'minViewMs', 'right'].sort(),
      );
      expect(Object.keys(battle.left)).toEqual(['imageUrl']);
      expect(battle.left.imageUrl).not.toEqual(battle.right.imageUrl);
      urls.add(battle.left.imageUrl).add(battle.right.imageUrl);
    }
    // A token per battle and side: the same image never comes back under the same URL.
    expect(urls.size).toBe(40);
  });

  it('refuses bad battle requests with 4xx and issues nothing', async () => {
    const empty = { slug: 'still-life', name: 'No open challenge', ...T2I };
    await db().insert(categories).values(empty);
    const before = await rowCounts(arena, { battles });
    const cases: Array<[unknown, number, string]> = [
      ['{"arena": ', 400, 'invalid_json'],
      [{}, 400, 'invalid_request'],
      [{ arena: 'video' }, 400, 'invalid_request'],
      [{ ...T2I, extra: 1 }, 400, 'invalid_request'],
      [[1, 2], 400, 'invalid_request'],
      [{ ...T2I, category: 'no-such' }, 404, 'category_not_found'],
      [{ ...T2I, category: 'scene-transformation' }, 404, 'category_not_found'],
      [{ ...T2I, category: 'still-life' }, 404, 'no_battle_available'],
      [{ ...T2I, category: 'x'.repeat(81) }, 400, 'invalid_request'],
      // A NUL character cannot be stored in Postgres text: refused, not a 500.
      [{ ...T2I, category: 'logo\u0000' }, 400, 'invalid_request'],
      [{ ...T2I, pad: 'x'.repeat(65 * 1024) }, 413, 'payload_too_large'],
    ];
    for (const [body, status, code] of cases) {
      const label = typeof body === 'string' ? body : JSON.stringify(body).slice(0, 80);
      expectError(await client().post('/api/battles', body), status, code, label);
    }
    const form = await client().post('/api/battles', 'arena=text-to-image', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expectError(form, 415, 'bad_request');
    expect(await rowCounts(arena, { battles })).toEqual(before);
  });

  it('reveals both models and the rating change after a vote, and stores the vote', async () => {
    const voter = client();
    const battle = await newBattle(voter);
    const response = await vote(voter, battle.id, { outcome: 'left' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const result = response.body;
    const row = await battleRow(db(), battle.id);
    const [leftGen] = await db()
      .select()
      .from(generations)
      .where(eq(generations.id, row.leftGenerationId));
    expect(result.left.model.id).toBe(leftGen!.modelId);
    expect(result.left.model.id).not.toBe(result.right.model.id);
    expect(result.left.overall.delta).toBeGreaterThan(0);
    expectCoreEloStep(result, arena.runtime.ctx.config.eloK);
    expect(result.left.overall.delta).toBeCloseTo(-result.right.overall.delta, 10);
    expect(result.left.overall.after).toBeCloseTo(
      result.left.overall.before + result.left.overall.delta,
      10,
    );
    expect(result.category.slug).toBe(battle.challenge.category.slug);
    expect(result.counted).toBe(true);
    expect(row.votedAt).not.toBeNull();
    expect(await votesOn(db(), battle.id)).toMatchObject([
      {
        voterId: row.voterId,
        outcome: 'left',
        leftModelId: result.left.model.id,
        rightModelId: result.right.model.id,
        counted: true,
      },
    ]);
    // Tests in a file run one at a time: once the consumer has run, the stored ratings are the
    // ones just revealed.
    await ratingsSettled(db());
    const stored = await db()
      .select()
      .from(ratings)
      .where(and(eq(ratings.modelId, result.left.model.id), eq(ratings.arena, battle.arena)));
    const scoped = (scope: string) => stored.find((r) => r.scope === scope)!.rating;
    expect(scoped('overall')).toBeCloseTo(result.left.overall.after, 9);
    expect(scoped(row.categoryId)).toBeCloseTo(result.left.category.after, 9);
  });

  it('counts a vote posted twice once', async () => {
    const voter = client();
    const battle = await newBattle(voter);
    const first = await vote(voter, battle.id, { outcome: 'tie' });
    const second = await vote(voter, battle.id, { outcome: 'right' });
    expect(first.status).toBe(200);
    expectError(second, 409, 'already_voted');
    expect((await votesOn(db(), battle.id)).map((v) => v.outcome)).toEqual(['tie']);
  });

  it('counts a vote posted concurrently once', async () => {
    const voter = client();
    const battle = await newBattle(voter);
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => vote(voter, battle.id, { outcome: 'left' })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    expect(await votesOn(db(), battle.id)).toHaveLength(1);
  });

  it("refuses another voter's battle with 403, forged cookies included, and keeps it votable by its owner", async () => {
    const voter = client();
    const battle = await newBattle(voter);
    const ownerId = voterIdOf(voter.cookie!);
    const stranger = client();
    expectError(await vote(stranger, battle.id, { outcome: 'left' }), 403, 'battle_not_yours');
    expect(voterIdOf(stranger.cookie!)).not.toBe(ownerId);
    const forgeries = [
      `arena_voter=${encodeURIComponent(ownerId)}.forged`,
      `arena_voter=${encodeURIComponent(ownerId)}`,
      signedCookie(ownerId, 'another-secret-that-is-long-enough-0123456789'),
    ];
    for (const cookie of forgeries) {
      const forged = await vote(client(), battle.id, { outcome: 'left' }, { cookie });
      expectError(forged, 403, 'battle_not_yours', cookie);
      // A cookie that does not verify gets a new voter, never the one it names.
      expect(voterIdOf(forged.headers.get('set-cookie')!), cookie).not.toBe(ownerId);
    }
    expect(await votesOn(db(), battle.id)).toEqual([]);
    expect((await vote(voter, battle.id, { outcome: 'left' })).status).toBe(200);
  });

  it('honours a cookie signed with the session secret, marked Secure over HTTPS', async () => {
    const battle = await newBattle(client());
    const { voterId } = await battleRow(db(), battle.id);
    const cookie = signedCookie(voterId, TEST_SESSION_SECRET);
    const honoured = await vote(client(), battle.id, { outcome: 'right' }, { cookie });
    expect(honoured.status).toBe(200);
    expect(honoured.headers.get('set-cookie')).toBeNull();

    const secure = (response: { headers: Headers }) => {
      const setCookie = response.headers.get('set-cookie');
      expect(setCookie).toMatch(/^arena_voter=/);
      return /;\s*Secure/i.test(setCookie!);
    };
    expect(secure(await client().post('https://arena.test/api/battles', T2I))).toBe(true);
    // X-Forwarded-Proto is believed only behind a proxy the operator said to trust.
    const proxied = { 'x-forwarded-proto': 'https' };
    expect(secure(await client().post('/api/battles', T2I, proxied))).toBe(false);
    const { ctx } = arena.runtime;
    const trusting = createApp({ ctx, sessionSecret: TEST_SESSION_SECRET, trustProxy: true });
    expect(secure(await new TestClient(trusting).post('/api/battles', T2I, proxied))).toBe(true);
  });

  it('refuses an expired battle with 410', async () => {
    const voter = client();
    const battle = await newBattle(voter);
    await db()
      .update(battles)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(battles.id, battle.id));
    expectError(await vote(voter, battle.id, { outcome: 'left' }), 410, 'battle_expired');
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
    expect(battle.minViewMs).toBe(60_000);
    expectError(await vote(voter, battle.id, { outcome: 'left' }), 425, 'too_early');
    expect(await votesOn(db(), battle.id)).toHaveLength(0);
  });

  it('answers unknown battles with 404 and malformed ids with 400', async () => {
    const unknown = await vote(client(), '00000000-0000-4000-8000-000000000000', {
      outcome: 'left',
    });
    expectError(unknown, 404, 'battle_not_found');
    expectError(await vote(client(), 'not-a-uuid', { outcome: 'left' }), 400, 'invalid_request');
  });

  it('answers bad vote bodies with 4xx JSON errors and loses nothing', async () => {
    const voter = client();
    const battle = await newBattle(voter);
    const cases: Array<[unknown, number, string]> = [
      [{ outcome: 'middle' }, 400, 'invalid_request'],
      [{}, 400, 'invalid_request'],
      [{ outcome: 'left', extra: 1 }, 400, 'invalid_request'],
      ['null', 400, 'invalid_request'],
      ['{"outcome":"left"', 400, 'invalid_json'],
      [{ outcome: 'left', pad: 'x'.repeat(100_000) }, 413, 'payload_too_large'],
    ];
    for (const [body, status, code] of cases) {
      const label = typeof body === 'string' ? body : JSON.stringify(body).slice(0, 80);
      expectError(await vote(voter, battle.id, body), status, code, label);
    }
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expectError(await vote(voter, battle.id, 'outcome=left', form), 415, 'bad_request');
    expect(await votesOn(db(), battle.id)).toEqual([]);
    // The battle survived all of that and still takes its one vote.
    expect((await vote(voter, battle.id, { outcome: 'right' })).status).toBe(200);
  });

  it('keeps ratings zero-sum after 200 concurrent votes', async () => {
    const before = await rowCounts(arena, { votes });
    const issued = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const voter = client();
        return { voter, battle: await newBattle(voter) };
      }),
    );
    const outcomes = ['left', 'right', 'tie', 'both_bad'] as const;
    const responses = await Promise.all(
      issued.map(({ voter, battle }, i) => vote(voter, battle.id, { outcome: outcomes[i % 4] })),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(200);
    expect(await rowCounts(arena, { votes })).toEqual({ votes: before.votes! + 200 });

    await expectZeroSumRatings(db());
  });
});
