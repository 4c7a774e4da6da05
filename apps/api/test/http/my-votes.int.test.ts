import { voteVoids, voters, votes } from '@arena/db';
import { recomputeLeaderboards } from '@arena/services';
import { insertVotes, tournament } from '@arena/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, TEST_SESSION_SECRET, type TestArena } from '../support/arena';
import { lookAt, newBattle, signedCookie } from '../support/battles';
import { TestClient } from '../support/client';
import { expectError } from '../support/errors';

/** The crowd's order; the voter below swaps gamma and beta, and agrees on the rest. */
const CROWD = ['alpha-image', 'beta-diffusion', 'gamma-gen', 'delta-draw'];
const MINE = ['alpha-image', 'gamma-gen', 'beta-diffusion', 'delta-draw'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * GET /api/me/leaderboard: the voter's own board after 20 counted votes, beside the published
 * one; the count before that; undone and voided votes left out; bad input a 400.
 */
describe('my leaderboard', () => {
  let arena: TestArena;
  const ctx = () => arena.runtime.ctx;
  const db = () => ctx().db;
  const newVoter = async () =>
    (await db().insert(voters).values({}).returning({ id: voters.id }))[0]!.id;
  const as = (voterId: string, specs: ReturnType<typeof tournament>) =>
    specs.map((spec, i) => ({ ...spec, voterId, decisionMs: 1000 * (i + 1) }));
  const mine = (voterId: string, arenaName = 'text-to-image') =>
    new TestClient(arena.app).get(`/api/me/leaderboard?arena=${arenaName}`, {
      cookie: signedCookie(voterId, TEST_SESSION_SECRET),
    });

  beforeAll(async () => {
    arena = await startVotableArena('postgres', { SCREENING: 'off', MIN_VIEW_MS: '0' });
    const crowd = await newVoter();
    await insertVotes(db(), as(crowd, tournament('rainy-street', CROWD, 4, 1)));
    await recomputeLeaderboards(ctx());
  }, 120_000);
  afterAll(async () => {
    await arena?.close();
  });

  it('answers 400 for a missing or unknown arena', async () => {
    const voter = await newVoter();
    expectError(
      await new TestClient(arena.app).get('/api/me/leaderboard?arena=video'),
      400,
      'invalid_request',
    );
    expectError(await new TestClient(arena.app).get('/api/me/leaderboard'), 400, 'invalid_request');
    expectError(await mine(voter, 'text-to-video'), 400, 'invalid_request');
  });

  it('without a voter cookie: no votes, no voter made, never cached', async () => {
    const client = new TestClient(arena.app);
    const response = await client.get('/api/me/leaderboard?arena=text-to-image');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.body).toEqual({
      arena: 'text-to-image',
      votes: 0,
      required: 20,
      rows: [],
      agreement: null,
      crowdComputedAt: null,
    });
  });

  it('before 20 counted votes, says how many so far and fits nothing', async () => {
    const voter = await newVoter();
    // 18 counted votes, and 5 kept for audit only (not counted) that must not add to them.
    await insertVotes(db(), as(voter, tournament('rainy-street', MINE, 3, 0)));
    await insertVotes(
      db(),
      as(voter, tournament('rainy-street', MINE.slice(0, 2), 5, 0)).map((spec) => ({
        ...spec,
        counted: false,
      })),
    );
    const response = await mine(voter);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toMatchObject({ votes: 18, required: 20, rows: [], agreement: null });
    // Another arena's count is its own.
    expect((await mine(voter, 'image-editing')).body.votes).toBe(0);
  });

  it('from 20 votes, fits the voter alone and sets it beside the crowd', async () => {
    const voter = await newVoter();
    await insertVotes(db(), as(voter, tournament('rainy-street', MINE, 4, 0)));
    const response = await mine(voter);
    expect(response.status).toBe(200);
    const board = response.body;
    expect(board.votes).toBe(24);
    expect(board.crowdComputedAt).toEqual(expect.any(String));
    expect(board.rows.map((row: { model: { slug: string } }) => row.model.slug)).toEqual(MINE);
    expect(board.rows.map((row: { yours: { rank: number } }) => row.yours.rank)).toEqual([
      1, 2, 3, 4,
    ]);
    // The crowd's positions among these models, and its published ratings, in the crowd's order.
    const crowd = Object.fromEntries(
      board.rows.map((row: { model: { slug: string }; crowd: { rank: number } }) => [
        row.model.slug,
        row.crowd.rank,
      ]),
    );
    expect(crowd).toEqual({
      'alpha-image': 1,
      'beta-diffusion': 2,
      'gamma-gen': 3,
      'delta-draw': 4,
    });
    const published = (await new TestClient(arena.app).get('/api/leaderboards/text-to-image')).body;
    for (const row of board.rows) {
      const public_ = published.rows.find(
        (r: { model: { slug: string } }) => r.model.slug === row.model.slug,
      );
      expect(row.crowd.rating).toBeCloseTo(public_.rating, 6);
      expect(row.crowd.boardRank).toBe(public_.rank);
    }
    const [top] = board.rows;
    expect(top.yours).toMatchObject({ votes: 12, wins: 12, losses: 0, ties: 0, bothBad: 0 });
    // The prior keeps an unbeaten model's rating finite and modest on two dozen votes.
    expect(top.yours.rating).toBeGreaterThan(1050);
    expect(top.yours.rating).toBeLessThan(1400);
    // Six pairs among four models; the voter swaps one (beta and gamma).
    expect(board.agreement).toMatchObject({ models: 4, pairs: 6, agreeing: 5 });
    expect(board.agreement.kendallTau).toBeCloseTo(4 / 6, 6);
  });

  it('leaves voided and undone votes out', async () => {
    const voter = await newVoter();
    await insertVotes(db(), as(voter, tournament('rainy-street', MINE, 4, 0)));
    expect((await mine(voter)).body.votes).toBe(24);
    const stored = await db()
      .select({ id: votes.id })
      .from(votes)
      .where(eq(votes.voterId, voter))
      .limit(4);
    // An operator voids four: 20 left, the board still fitted.
    await db()
      .insert(voteVoids)
      .values(stored.map((vote) => ({ voteId: vote.id, reason: 'test' })));
    const after = (await mine(voter)).body;
    expect(after.votes).toBe(20);
    expect(after.rows).toHaveLength(4);

    // A vote cast through the API and taken back by the voter counts for nothing either.
    const client = new TestClient(arena.app);
    client.cookie = signedCookie(voter, TEST_SESSION_SECRET);
    const battle = await newBattle(client);
    await lookAt(client, battle);
    await sleep(50);
    expect((await client.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' })).status).toBe(
      200,
    );
    expect((await mine(voter)).body.votes).toBe(21);
    expect((await client.post(`/api/battles/${battle.id}/vote/undo`)).status).toBe(200);
    expect((await mine(voter)).body.votes).toBe(20);
  });
});
