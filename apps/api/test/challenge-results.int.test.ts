import { challenges, generations, models } from '@arena/db';
import { createOperatorToken, recomputeLeaderboards } from '@arena/services';
import { insertVotes, tournament, type VoteSpec } from '@arena/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, type TestArena } from './support/arena';
import { TestClient } from './support/client';

const ALPHA = 'alpha-image';
const BETA = 'beta-diffusion';
const GAMMA = 'gamma-gen';
const DELTA = 'delta-draw';

/**
 * Hand-made votes with known answers. Rainy street (photorealism): alpha > beta > gamma >
 * delta, 40 to 10 per pair; alpha's wins all on attempt 2, its losses on attempt 3. Cafe logo
 * (logo & typography): delta > gamma > beta, 40 to 10; alpha only meets beta there, once each
 * way and once tied; gamma and beta are judged both bad three times.
 */
function votes(): VoteSpec[] {
  return [
    ...tournament('rainy-street', [ALPHA, BETA, GAMMA, DELTA], 40, 10, (model, k) =>
      model === ALPHA ? (k < 40 ? 2 : 3) : 1,
    ),
    ...tournament('cafe-logo', [DELTA, GAMMA, BETA], 40, 10),
    { challenge: 'cafe-logo', left: [ALPHA, 1], right: [BETA, 1], outcome: 'left' },
    { challenge: 'cafe-logo', left: [ALPHA, 1], right: [BETA, 2], outcome: 'right' },
    { challenge: 'cafe-logo', left: [BETA, 1], right: [ALPHA, 2], outcome: 'tie' },
    ...Array.from({ length: 3 }, (): VoteSpec => ({
      challenge: 'cafe-logo',
      left: [GAMMA, 1],
      right: [BETA, 3],
      outcome: 'both_bad',
    })),
  ];
}

describe('per-challenge results, head-to-head and best-for', () => {
  let arena: TestArena;
  let token: string;
  const client = () => new TestClient(arena.app);
  const admin = { authorization: '' };
  const challengeId = async (slug: string) =>
    (await arena.runtime.ctx.db.select().from(challenges).where(eq(challenges.slug, slug)))[0]!.id;

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    await insertVotes(arena.runtime.ctx.db, votes());
    await recomputeLeaderboards(arena.runtime.ctx);
    token = (await createOperatorToken(arena.runtime.ctx, { name: 'tester' })).token;
    admin.authorization = `Bearer ${token}`;
  });
  afterAll(async () => {
    await arena?.close();
  });

  async function alphaImageId(attempt: number): Promise<string> {
    const [row] = await arena.runtime.ctx.db
      .select({ imageId: generations.imageId })
      .from(generations)
      .innerJoin(models, eq(models.id, generations.modelId))
      .innerJoin(challenges, eq(challenges.id, generations.challengeId))
      .where(
        and(
          eq(models.slug, ALPHA),
          eq(challenges.slug, 'rainy-street'),
          eq(generations.attempt, attempt),
        ),
      );
    return row!.imageId!;
  }

  it('keeps results, per-challenge head-to-head and images private while a challenge is open', async () => {
    const board = await client().get('/api/challenges/rainy-street/leaderboard');
    expect(board.status).toBe(403);
    expect(board.body.code).toBe('results_not_public');
    const h2h = await client().get(`/api/models/${ALPHA}/head-to-head?challenge=rainy-street`);
    expect(h2h.status).toBe(403);
    const results = await client().get(`/api/models/${ALPHA}/results`);
    expect(results.status).toBe(200);
    expect(results.body.challenges).toEqual([]);
    const image = await client().get(`/api/result-images/${await alphaImageId(2)}`);
    expect(image.status).toBe(404);
    expect((await client().get('/api/challenges/nope/leaderboard')).status).toBe(404);
  });

  it('closes a challenge for operators only, once, and only from voting', async () => {
    const id = await challengeId('rainy-street');
    // A battle issued before the close cannot be voted on after it.
    const voter = client();
    const early = await voter.post('/api/battles', {
      arena: 'text-to-image',
      category: 'photorealism',
    });
    expect(early.status).toBe(201);

    expect((await client().post(`/api/admin/challenges/${id}/close`)).status).toBe(401);
    const closed = await client().post(`/api/admin/challenges/${id}/close`, undefined, admin);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ challengeId: id, slug: 'rainy-street', status: 'closed' });
    const again = await client().post(`/api/admin/challenges/${id}/close`, undefined, admin);
    expect(again.status).toBe(200);
    expect(again.body.closedAt).toBe(closed.body.closedAt);

    const draft = await client().post(
      '/api/admin/challenges',
      {
        slug: 'draft-one',
        title: 'Draft',
        arena: 'text-to-image',
        category: 'photorealism',
        prompt: 'A draft.',
      },
      admin,
    );
    const refused = await client().post(
      `/api/admin/challenges/${draft.body.id}/close`,
      undefined,
      admin,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('challenge_not_voting');

    const late = await voter.post(`/api/battles/${early.body.id}/vote`, { outcome: 'left' });
    expect(late.status).toBe(410);
    expect(late.body.code).toBe('challenge_closed');
    // Its only category has no open challenge left.
    const none = await client().post('/api/battles', {
      arena: 'text-to-image',
      category: 'photorealism',
    });
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('no_battle_available');
  });

  it("serves a closed challenge's mini-leaderboard with each model's attempts and best one", async () => {
    const board = await client().get('/api/challenges/rainy-street/leaderboard');
    expect(board.status).toBe(200);
    expect(board.body.challenge).toMatchObject({
      slug: 'rainy-street',
      status: 'closed',
      category: { slug: 'photorealism' },
    });
    expect(board.body.votes).toBe(6 * 50);
    expect(board.body.rows.map((r: any) => [r.model.slug, r.rank])).toEqual([
      [ALPHA, 1],
      [BETA, 2],
      [GAMMA, 3],
      [DELTA, 4],
    ]);
    const alpha = board.body.rows[0];
    expect(alpha).toMatchObject({ games: 150, wins: 120, losses: 30, ties: 0, bothBad: 0 });
    expect(alpha.attempts.map((a: any) => [a.attempt, a.games, a.wins, a.losses])).toEqual([
      [1, 0, 0, 0],
      [2, 120, 120, 0],
      [3, 30, 0, 30],
    ]);
    expect(alpha.bestAttempt).toMatchObject({
      attempt: 2,
      wins: 120,
      imageUrl: `/api/result-images/${await alphaImageId(2)}`,
    });
    expect(alpha.bestAttempt.score).toBeCloseTo(121 / 122, 12);
    // Without votes, the attempts score one half and the earliest is shown.
    const beta = board.body.rows[1];
    expect(beta.attempts.map((a: any) => a.games)).toEqual([150, 0, 0]);
    expect(beta.bestAttempt.attempt).toBe(1);

    const image = await client().get(alpha.bestAttempt.imageUrl);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
  });

  it("lists a model's results per closed challenge, with its arena standing and both-bad rate", async () => {
    const alpha = await client().get(`/api/models/${ALPHA}/results`);
    expect(alpha.status).toBe(200);
    expect(alpha.body.challenges).toHaveLength(1);
    expect(alpha.body.challenges[0]).toMatchObject({
      challenge: { slug: 'rainy-street', title: 'Rainy Street' },
      rank: 1,
      of: 4,
      games: 150,
      attempts: 3,
      bestAttempt: { attempt: 2 },
    });
    expect(alpha.body.challenges[0].challenge.prompt).toMatch(/red bicycle/);

    const beta = await client().get(`/api/models/${BETA}/results`);
    const [standing] = beta.body.arenas;
    // Beta: 150 votes in rainy street, 100 + 3 + 3 in cafe logo.
    expect(standing).toMatchObject({ arena: 'text-to-image', of: 4, games: 256, bothBad: 3 });
    expect(standing.bothBadRate).toBeCloseTo(3 / 256, 12);
    expect(beta.body.challenges[0]).toMatchObject({ rank: 2, of: 4 });
    expect((await client().get('/api/models/nope/results')).status).toBe(404);
  });

  it('gives head-to-head records overall and within a closed challenge', async () => {
    const overall = await client().get(`/api/models/${ALPHA}/head-to-head?arena=text-to-image`);
    expect(overall.status).toBe(200);
    const vsBeta = overall.body.matchups.find((m: any) => m.opponent.slug === BETA);
    // 40-10 in rainy street, 1-1-1 in cafe logo.
    expect(vsBeta).toMatchObject({ games: 53, wins: 41, losses: 11, ties: 1, bothBad: 0 });
    expect(vsBeta.winRate + vsBeta.lossRate + vsBeta.tieRate).toBeCloseTo(1, 12);
    expect(overall.body.matchups[0].opponent.slug).toBe(BETA); // the most played first

    const rainy = await client().get(`/api/models/${GAMMA}/head-to-head?challenge=rainy-street`);
    expect(rainy.status).toBe(200);
    expect(rainy.body.challenge.slug).toBe('rainy-street');
    expect(
      rainy.body.matchups.map((m: any) => [m.opponent.slug, m.wins, m.losses, m.ties]).sort(),
    ).toEqual([
      [ALPHA, 10, 40, 0],
      [BETA, 10, 40, 0],
      [DELTA, 40, 10, 0],
    ]);
  });

  it('shows "vs Beta: 33% W, 33% L, 33% T" once cafe logo closes too', async () => {
    await client().post(
      `/api/admin/challenges/${await challengeId('cafe-logo')}/close`,
      undefined,
      admin,
    );
    const h2h = await client().get(`/api/models/${ALPHA}/head-to-head?challenge=cafe-logo`);
    expect(h2h.status).toBe(200);
    expect(h2h.body.matchups).toHaveLength(1);
    const [vsBeta] = h2h.body.matchups;
    expect(vsBeta).toMatchObject({
      opponent: { slug: BETA },
      games: 3,
      wins: 1,
      losses: 1,
      ties: 1,
    });
    expect([vsBeta.winRate, vsBeta.lossRate, vsBeta.tieRate]).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it('names the categories where a model ranks highest, with its win rate there', async () => {
    const delta = await client().get(`/api/models/${DELTA}/best-for`);
    expect(delta.status).toBe(200);
    expect(delta.body.categories.map((c: any) => [c.category.slug, c.rank, c.of, c.games])).toEqual(
      [
        ['logo-typography', 1, 4, 100],
        ['photorealism', 4, 4, 150],
      ],
    );
    expect(delta.body.categories[0].winRate).toBeCloseTo(80 / 100, 12);
    expect(delta.body.categories[1].winRate).toBeCloseTo(30 / 150, 12);
    const alpha = await client().get(`/api/models/${ALPHA}/best-for`);
    expect(alpha.body.categories[0]).toMatchObject({ category: { slug: 'photorealism' }, rank: 1 });
  });
});
