import { auditLog, challenges, generations, voters, votes } from '@arena/db';
import { closeChallenge, createOperatorToken, recomputeLeaderboards } from '@arena/services';
import { insertVotes, tournament, waitFor } from '@arena/testing';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, type TestArena } from '../support/arena';
import { lookAt, newBattle, voterIdOf } from '../support/battles';
import { TestClient } from '../support/client';
import { expectError } from '../support/errors';
import { answersOf, issueBattles } from '../support/moderation';

const ORDER = ['alpha-image', 'beta-diffusion', 'gamma-gen', 'delta-draw'];
const T2I = { arena: 'text-to-image' } as const;

/**
 * The moderation endpoints, called with a moderator's token: hidden answers never reach a new
 * battle; voided votes and a banned voter's votes leave the boards (recomputed on request);
 * a banned voter gets 403; the voter report's figures on known votes.
 */
describe('moderation endpoints', () => {
  let arena: TestArena;
  let token: string;
  let operatorId: string;
  const client = () => new TestClient(arena.app);
  const ctx = () => arena.runtime.ctx;
  const db = () => ctx().db;
  const moderator = () => ({ authorization: `Bearer ${token}` });
  const post = (path: string, body?: unknown) => client().post(path, body, moderator());
  const get = (path: string) => client().get(path, moderator());
  const boardVotes = async () =>
    (await client().get('/api/leaderboards/text-to-image')).body.snapshot?.votes as number;
  const newVoter = async () =>
    (await db().insert(voters).values({}).returning({ id: voters.id }))[0]!.id;
  /** Voters whose votes are seeded: the crowd, the one reported on, one voided wholesale. */
  const seeded = { crowd: '', reported: '', voided: '' };

  beforeAll(async () => {
    // Screening off: the seeded voters vote by script, and this file is about operators.
    arena = await startVotableArena('postgres', { SCREENING: 'off' });
    ({ token, operatorId } = await createOperatorToken(ctx(), {
      name: 'mod',
      role: 'moderator',
    }));
    seeded.crowd = await newVoter();
    seeded.reported = await newVoter();
    seeded.voided = await newVoter();
    const as = (voterId: string, specs: ReturnType<typeof tournament>) =>
      specs.map((spec, i) => ({ ...spec, voterId, decisionMs: 1000 * (i + 1) }));
    await insertVotes(db(), [
      // The crowd sets the board's order; the reported voter agrees 3 times in 4.
      ...as(seeded.crowd, tournament('rainy-street', ORDER, 4, 1)),
      ...as(seeded.reported, tournament('rainy-street', ORDER, 3, 1)),
      ...as(seeded.voided, tournament('cafe-logo', ['alpha-image', 'delta-draw'], 5, 0)),
    ]);
    await recomputeLeaderboards(ctx());
  }, 120_000);
  afterAll(async () => {
    await arena?.close();
  });

  it('never issues a hidden answer in a new battle, and issues it again once shown', async () => {
    await issueBattles(db(), client, 3); // the battle index is built, with every answer in it
    const hidden = await answersOf(db(), 'alpha-image');
    expect(hidden.length).toBeGreaterThan(0);
    for (const id of hidden) {
      const response = await post(`/api/admin/moderation/generations/${id}/hide`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        id,
        challengeId: expect.any(String),
        hiddenAt: expect.any(String),
        hiddenBy: operatorId,
      });
    }
    // Hiding again changes nothing, and is not audited twice.
    const again = await post(`/api/admin/moderation/generations/${hidden[0]}/hide`);
    expect(again.status).toBe(200);
    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'generation.hide'), inArray(auditLog.subjectId, hidden)));
    expect(audited).toHaveLength(hidden.length);
    expect(audited[0]).toMatchObject({ operatorId, after: { hiddenBy: operatorId } });

    const shown = await issueBattles(db(), client, 40);
    for (const id of hidden) expect(shown.has(id)).toBe(false);

    for (const id of hidden) {
      const response = await post(`/api/admin/moderation/generations/${id}/unhide`);
      expect(response.body).toMatchObject({ id, hiddenAt: null, hiddenBy: null });
    }
    const back = await issueBattles(db(), client, 40);
    expect(hidden.some((id) => back.has(id))).toBe(true);
  });

  it('refuses malformed and unknown ids, and no token', async () => {
    expectError(await post('/api/admin/moderation/generations/nope/hide'), 400, 'invalid_request');
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectError(
      await post(`/api/admin/moderation/generations/${unknown}/hide`),
      404,
      'generation_not_found',
    );
    expectError(await post(`/api/admin/moderation/voters/${unknown}/ban`), 404, 'voter_not_found');
    expectError(
      await post(`/api/admin/moderation/votes/${unknown}/void`, { reason: 'spam' }),
      404,
      'vote_not_found',
    );
    expectError(await get(`/api/admin/moderation/voters/${unknown}`), 404, 'voter_not_found');
    const anonymous = await client().post(`/api/admin/moderation/voters/${seeded.crowd}/ban`);
    expect(anonymous.status).toBe(401);
    const [crowd] = await db().select().from(voters).where(eq(voters.id, seeded.crowd));
    expect(crowd!.flags).toEqual([]);
  });

  it("reports a voter's votes, speed and agreement with the board", async () => {
    const board = await client().get('/api/leaderboards/text-to-image');
    // The crowd's order is the board's.
    expect(board.body.rows.map((row: { model: { slug: string } }) => row.model.slug)).toEqual(
      ORDER,
    );
    const response = await get(`/api/admin/moderation/voters/${seeded.reported}`);
    expect(response.status).toBe(200);
    const report = response.body;
    // Six pairs, four votes each: three for the better model, one upset.
    expect(report.votes).toEqual({ total: 24, counted: 24, voided: 0, setAside: 0 });
    // Decisions of 1 to 24 seconds: the median is 12.5 s.
    expect(report.speed).toEqual({ medianDecisionMs: 12_500 });
    expect(report.agreement).toEqual({ decisive: 24, withBoard: 18, share: 0.75 });
    expect(report).toMatchObject({
      id: seeded.reported,
      flags: [],
      flagged: false,
      banned: false,
      votesCast: 24,
      screening: { suspectedAt: null, reasons: [], clearedAt: null, excluded: false },
    });
    expect(report.recentVotes).toHaveLength(20);
    // Latest first: the last seeded vote took 24 s.
    expect(report.recentVotes[0]).toMatchObject({
      decisionMs: 24_000,
      counted: true,
      void: null,
      challenge: { slug: 'rainy-street' },
    });
  });

  it('flags voters and lists them by flag and by screening', async () => {
    const flagged = await post(`/api/admin/moderation/voters/${seeded.reported}/flag`);
    expect(flagged.body).toEqual({
      id: seeded.reported,
      flags: ['flagged'],
      flagged: true,
      banned: false,
    });
    const suspect = await newVoter();
    await db()
      .update(voters)
      .set({ suspectedAt: new Date(), suspicion: { reasons: ['picks'], votes: 5, statistics: {} } })
      .where(eq(voters.id, suspect));
    const ids = async (query: string) => {
      const response = await get(`/api/admin/moderation/voters${query}`);
      expect(response.status).toBe(200);
      return response.body.voters.map((voter: { id: string }) => voter.id);
    };
    expect(await ids('?flag=flagged')).toEqual([seeded.reported]);
    expect(await ids('?suspected=true')).toEqual([suspect]);
    expect(await ids('?suspected=false&limit=200')).not.toContain(suspect);
    expectError(await get('/api/admin/moderation/voters?flag=evil'), 400, 'invalid_request');
    expectError(await get('/api/admin/moderation/voters?limit=0'), 400, 'invalid_request');
    const unflagged = await post(`/api/admin/moderation/voters/${seeded.reported}/unflag`);
    expect(unflagged.body).toMatchObject({ flags: [], flagged: false });
  });

  it("voids one vote, then all of a voter's: the recompute leaves them out, the rows stay", async () => {
    const storedBefore = await db().$count(votes);
    const before = await boardVotes();
    const [one] = await db()
      .select({ id: votes.id })
      .from(votes)
      .where(eq(votes.voterId, seeded.reported))
      .limit(1);
    expectError(
      await post(`/api/admin/moderation/votes/${one!.id}/void`, {}),
      400,
      'invalid_request',
    );
    const voided = await post(`/api/admin/moderation/votes/${one!.id}/void`, { reason: 'test' });
    expect(voided.status).toBe(200);
    expect(voided.body).toEqual({
      voteId: one!.id,
      voidedAt: expect.any(String),
      voidedBy: operatorId,
      reason: 'test',
    });
    // The recompute the void asked for runs by itself.
    await waitFor(async () => (await boardVotes()) === before - 1, 15_000);

    const all = await post(`/api/admin/moderation/voters/${seeded.voided}/void-votes`, {
      reason: 'bought votes',
    });
    expect(all.body).toEqual({ voterId: seeded.voided, voided: 5, alreadyVoided: 0 });
    // A request made while that recompute still ran would wait for the scheduled one: here the
    // recompute is called, as the schedule would.
    await recomputeLeaderboards(ctx());
    expect(await boardVotes()).toBe(before - 6);
    const twice = await post(`/api/admin/moderation/voters/${seeded.voided}/void-votes`, {
      reason: 'again',
    });
    expect(twice.body).toEqual({ voterId: seeded.voided, voided: 0, alreadyVoided: 5 });

    // Votes are append-only: every row is still there.
    expect(await db().$count(votes)).toBe(storedBefore);
    const report = (await get(`/api/admin/moderation/voters/${seeded.reported}`)).body;
    expect(report.votes).toEqual({ total: 24, counted: 23, voided: 1, setAside: 0 });
    // The open data leaves them out as the board does.
    const exported = await client().get('/api/votes/export?format=jsonl');
    const lines = exported.body.toString().trim().split('\n');
    expect(lines.filter((line: string) => line.includes('"text-to-image"'))).toHaveLength(
      before - 6,
    );
  });

  it('bans a voter: 403 on battles and votes, and their votes leave the board until unbanned', async () => {
    const voter = client();
    for (let i = 0; i < 3; i += 1) {
      const battle = await newBattle(voter);
      expect((await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' })).status).toBe(
        200,
      );
    }
    const open = await newBattle(voter);
    await recomputeLeaderboards(ctx());
    const before = await boardVotes();
    const voterId = voterIdOf(voter.cookie!);

    const banned = await post(`/api/admin/moderation/voters/${voterId}/ban`);
    expect(banned.body).toMatchObject({ id: voterId, flags: ['blocked'], banned: true });
    expectError(await voter.post('/api/battles', T2I), 403, 'voter_banned');
    expectError(
      await voter.post(`/api/battles/${open.id}/vote`, { outcome: 'right' }),
      403,
      'voter_banned',
    );
    expect(await db().$count(votes, eq(votes.battleId, open.id))).toBe(0);
    await waitFor(async () => (await boardVotes()) === before - 3, 15_000);

    await post(`/api/admin/moderation/voters/${voterId}/unban`);
    await recomputeLeaderboards(ctx());
    expect(await boardVotes()).toBe(before);
    const again = await voter.post('/api/battles', T2I);
    expect(again.status).toBe(201);
    await lookAt(voter, again.body);
    const audited = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.subjectId, voterId));
    expect(audited.map((row) => row.action)).toEqual(['voter.ban', 'voter.unban']);
  });

  it("leaves a hidden image out of a closed challenge's gallery", async () => {
    const [answer] = await db()
      .select({ id: generations.id, imageId: generations.imageId, challengeId: challenges.id })
      .from(generations)
      .innerJoin(challenges, eq(challenges.id, generations.challengeId))
      .where(and(eq(challenges.slug, 'rainy-street'), eq(generations.status, 'succeeded')))
      .orderBy(generations.id)
      .limit(1);
    await post(`/api/admin/moderation/generations/${answer!.id}/hide`);
    await closeChallenge(ctx(), { challengeId: answer!.challengeId, operatorId: null });
    const results = await client().get('/api/challenges/rainy-street/leaderboard');
    expect(results.status).toBe(200);
    expect(JSON.stringify(results.body)).toContain('/api/result-images/');
    expect(JSON.stringify(results.body)).not.toContain(answer!.imageId!);
    expect((await client().get(`/api/result-images/${answer!.imageId}`)).status).toBe(404);
  });
});
