import type { Leaderboard, VoteResult } from '@arena/contract';
import { battles, ratings, voteVoids, votes } from '@arena/db';
import { recomputeLeaderboards, voidVote } from '@arena/services';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { startVotableArena, TEST_SESSION_SECRET, type TestArena } from '../support/arena';
import {
  battleRow,
  expectZeroSumRatings,
  lookAt,
  newBattle,
  ratingsSettled,
  voterIdOf,
  votesOn,
} from '../support/battles';
import { TestClient } from '../support/client';
import { expectError } from '../support/errors';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Taking a vote back (POST /api/battles/{id}/vote/undo) and saying a prefetched battle is on
 * screen (POST /api/battles/{id}/shown), on Postgres.
 */
describe('vote undo and prefetched battles', () => {
  let arena: TestArena;
  const client = () => new TestClient(arena.app);
  const db = () => arena.runtime.ctx.db;
  const vote = (voter: TestClient, battleId: string, outcome = 'left') =>
    voter.post<VoteResult>(`/api/battles/${battleId}/vote`, { outcome });
  const undo = (voter: TestClient, battleId: string) =>
    voter.post(`/api/battles/${battleId}/vote/undo`, {});

  /** The overall online ratings of an arena's models, once the consumer has caught up. */
  async function overallRatings(arenaName: 'text-to-image') {
    await ratingsSettled(db());
    const rows = await db()
      .select()
      .from(ratings)
      .where(and(eq(ratings.arena, arenaName), eq(ratings.scope, 'overall')));
    return new Map(rows.map((row) => [row.modelId, { rating: row.rating, games: row.games }]));
  }

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
  });
  afterAll(async () => {
    await arena?.close();
  });

  it('takes a vote back: stored as its own event, its rating change reversed, left off the boards', async () => {
    const voter = client();
    // One counted vote first, so that the board exists and the undone vote has something to move.
    const kept = await newBattle(voter);
    expect((await vote(voter, kept.id)).status).toBe(200);
    await recomputeLeaderboards(arena.runtime.ctx);
    const boardBefore = (await voter.get<Leaderboard>('/api/leaderboard?arena=text-to-image')).body;
    const before = await overallRatings('text-to-image');

    const battle = await newBattle(voter);
    const voted = await vote(voter, battle.id, 'right');
    expect(voted.status).toBe(200);
    const result = voted.body;
    const untilMs = Date.parse(result.undoUntil) - Date.now();
    expect(untilMs).toBeGreaterThan(0);
    expect(untilMs).toBeLessThanOrEqual(arena.runtime.ctx.config.voteUndoMs ?? 10_000);
    const moved = await overallRatings('text-to-image');
    expect(moved.get(result.right.model.id)!.rating).toBeCloseTo(result.right.overall.after, 9);

    const response = await undo(voter, battle.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toEqual({ battleId: battle.id, undone: true, counted: true });

    // Append-only: the vote is still there, unchanged; the undo is a row of its own.
    const [stored] = await votesOn(db(), battle.id);
    expect(stored).toMatchObject({ outcome: 'right', counted: true });
    const [undoRow] = await db().select().from(voteVoids).where(eq(voteVoids.voteId, stored!.id));
    expect(undoRow).toMatchObject({ undoneBy: voterIdOf(voter.cookie!), operatorId: null });

    // Both models are back where they were before the vote, games included.
    const after = await overallRatings('text-to-image');
    // A model without a row had not played yet: the initial rating, no games.
    const unplayed = { rating: 1000, games: 0 };
    for (const side of [result.left, result.right]) {
      expect(after.get(side.model.id)).toEqual({
        rating: expect.closeTo((before.get(side.model.id) ?? unplayed).rating, 9),
        games: (before.get(side.model.id) ?? unplayed).games,
      });
    }
    await expectZeroSumRatings(db());

    // The published board leaves it out.
    await recomputeLeaderboards(arena.runtime.ctx);
    const boardAfter = (await voter.get<Leaderboard>('/api/leaderboard?arena=text-to-image')).body;
    expect(boardAfter.votes).toBe(boardBefore.votes);

    // The battle stays voted: its models were revealed.
    expect((await battleRow(db(), battle.id)).votedAt).not.toBeNull();
    expectError(await vote(voter, battle.id), 409, 'already_voted');
  });

  it("reverses a vote's rating change when an operator voids it, too", async () => {
    const voter = client();
    const before = await overallRatings('text-to-image');
    const battle = await newBattle(voter);
    const result = (await vote(voter, battle.id, 'left')).body;
    const [stored] = await votesOn(db(), battle.id);
    expect(stored!.overallDelta).toBeCloseTo(result.left.overall.delta, 9);
    await voidVote(arena.runtime.ctx, { voteId: stored!.id, reason: 'test', operatorId: null });
    const after = await overallRatings('text-to-image');
    const unplayed = { rating: 1000, games: 0 };
    for (const side of [result.left, result.right]) {
      expect(after.get(side.model.id)!.rating).toBeCloseTo(
        (before.get(side.model.id) ?? unplayed).rating,
        9,
      );
    }
    await expectZeroSumRatings(db());
  });

  it('refuses a second undo, a stranger, a battle without a vote and an expired window', async () => {
    const voter = client();
    const battle = await newBattle(voter);
    expect((await vote(voter, battle.id)).status).toBe(200);
    expectError(await undo(client(), battle.id), 403, 'battle_not_yours');
    expect((await undo(voter, battle.id)).status).toBe(200);
    expectError(await undo(voter, battle.id), 409, 'already_undone');

    const unvoted = await newBattle(voter);
    expectError(await undo(voter, unvoted.id), 404, 'vote_not_found');
    expectError(await undo(voter, '00000000-0000-4000-8000-000000000000'), 404, 'vote_not_found');
    expectError(await undo(voter, 'not-a-uuid'), 400, 'invalid_request');

    const ctx = arena.runtime.ctx;
    const strict = createApp({
      ctx: { ...ctx, config: { ...ctx.config, voteUndoMs: 200 } },
      sessionSecret: TEST_SESSION_SECRET,
    });
    const late = new TestClient(strict);
    const old = await newBattle(late);
    const voted = await late.post<VoteResult>(`/api/battles/${old.id}/vote`, { outcome: 'tie' });
    expect(voted.status).toBe(200);
    expect(Date.parse(voted.body.undoUntil) - Date.now()).toBeLessThanOrEqual(200);
    await sleep(400);
    expectError(await late.post(`/api/battles/${old.id}/vote/undo`, {}), 410, 'undo_expired');
    const [stored] = await votesOn(db(), old.id);
    expect(await db().select().from(voteVoids).where(eq(voteVoids.voteId, stored!.id))).toEqual([]);
  });

  it('takes a concurrent double undo once', async () => {
    const voter = client();
    const battle = await newBattle(voter);
    expect((await vote(voter, battle.id)).status).toBe(200);
    const statuses = (await Promise.all([undo(voter, battle.id), undo(voter, battle.id)]))
      .map((response) => response.status)
      .sort();
    expect(statuses).toEqual([200, 409]);
    await expectZeroSumRatings(db());
  });

  it('counts the minimum viewing time of a prefetched battle from when it was shown', async () => {
    const ctx = arena.runtime.ctx;
    const strict = createApp({
      ctx: { ...ctx, config: { ...ctx.config, minViewMs: 1000 } },
      sessionSecret: TEST_SESSION_SECRET,
    });
    const voter = new TestClient(strict);
    // Prefetched: images fetched long enough ago, but shown only now.
    const battle = await newBattle(voter);
    await sleep(1100);
    const shown = await voter.post(`/api/battles/${battle.id}/shown`, {});
    expect(shown.status).toBe(200);
    expect((await battleRow(db(), battle.id)).shownAt).not.toBeNull();
    expectError(
      await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' }),
      425,
      'too_early',
    );
    await sleep(1100);
    expect((await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' })).status).toBe(
      200,
    );

    // Shown says nothing of the images: a battle never fetched still cannot be voted on.
    const unseen = await newBattle(voter, { arena: 'text-to-image' }, { look: false });
    expect((await voter.post(`/api/battles/${unseen.id}/shown`, {})).status).toBe(200);
    await sleep(1100);
    expectError(
      await voter.post(`/api/battles/${unseen.id}/vote`, { outcome: 'left' }),
      425,
      'images_not_viewed',
    );
    await lookAt(voter, unseen);
  });

  it('refuses shown for a stranger, a voted or expired battle, and an unknown one', async () => {
    const voter = client();
    const battle = await newBattle(voter);
    expectError(
      await client().post(`/api/battles/${battle.id}/shown`, {}),
      403,
      'battle_not_yours',
    );
    expect((await vote(voter, battle.id)).status).toBe(200);
    expectError(await voter.post(`/api/battles/${battle.id}/shown`, {}), 409, 'already_voted');
    const expired = await newBattle(voter);
    await db()
      .update(battles)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(battles.id, expired.id));
    expectError(await voter.post(`/api/battles/${expired.id}/shown`, {}), 410, 'battle_expired');
    expectError(
      await voter.post('/api/battles/00000000-0000-4000-8000-000000000000/shown', {}),
      404,
      'battle_not_found',
    );
    const [count] = await db()
      .select({ id: votes.id })
      .from(votes)
      .where(eq(votes.battleId, expired.id));
    expect(count).toBeUndefined();
  });
});
