import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, type TestArena } from '../support/arena';
import { TestClient } from '../support/client';
import { expectError } from '../support/errors';
import {
  ALPHA,
  attemptImageId,
  BETA,
  DELTA,
  GAMMA,
  latestSnapshot,
  publishResults,
  resultVotes,
} from '../support/results';

/**
 * The result views (routes/results.ts): per-challenge leaderboards, a model's results,
 * head-to-head, best-for, position bias and rating history, from hand-made votes with known
 * answers (support/results.ts). Rainy street and cafe logo are closed; night sky stays open.
 */
describe('result views', () => {
  let arena: TestArena;
  const client = () => new TestClient(arena.app);

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    await publishResults(arena);
  });
  afterAll(async () => {
    await arena?.close();
  });

  it('keeps results, per-challenge head-to-head and images private while a challenge is open', async () => {
    expectError(
      await client().get('/api/challenges/night-sky/leaderboard'),
      403,
      'results_not_public',
    );
    const h2h = await client().get(`/api/models/${ALPHA}/head-to-head?challenge=night-sky`);
    expectError(h2h, 403, 'results_not_public');
    const results = await client().get(`/api/models/${ALPHA}/results`);
    expect(results.status).toBe(200);
    expect(results.body.challenges.map((c: any) => c.challenge.slug)).not.toContain('night-sky');
    const attempts = await Promise.all(
      [1, 2, 3].flatMap((n) => [ALPHA, BETA].map((m) => attemptImageId(arena, m, 'night-sky', n))),
    );
    for (const imageId of attempts) {
      expectError(await client().get(`/api/result-images/${imageId}`), 404, 'image_not_found');
    }
    // No public view names an image of the open challenge.
    const views = ['/api/challenges', '/api/leaderboards/image-editing', '/api/models'];
    for (const model of [ALPHA, BETA]) {
      views.push(`/api/models/${model}/results`, `/api/models/${model}/head-to-head`);
      views.push(`/api/models/${model}/best-for`);
    }
    for (const view of views) {
      const text = JSON.stringify((await client().get(view)).body);
      for (const imageId of attempts) expect(text, view).not.toContain(imageId);
    }
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
      imageUrl: `/api/result-images/${await attemptImageId(arena, ALPHA, 'rainy-street', 2)}`,
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
    expect(alpha.body.challenges.map((c: any) => c.challenge.slug)).toEqual([
      'cafe-logo',
      'rainy-street',
    ]);
    const rainy = alpha.body.challenges[1];
    expect(rainy).toMatchObject({
      challenge: { slug: 'rainy-street', title: 'Rainy Street' },
      rank: 1,
      of: 4,
      games: 150,
      attempts: 3,
      bestAttempt: { attempt: 2 },
    });
    expect(rainy.challenge.prompt).toMatch(/red bicycle/);
    expect(alpha.body.challenges[0]).toMatchObject({ games: 3, attempts: 3 });

    const beta = await client().get(`/api/models/${BETA}/results`);
    const [standing] = beta.body.arenas;
    // Beta: 150 votes in rainy street, 100 + 3 + 3 in cafe logo.
    expect(standing).toMatchObject({ arena: 'text-to-image', of: 4, games: 256, bothBad: 3 });
    expect(standing.bothBadRate).toBeCloseTo(3 / 256, 12);
    const betaRainy = beta.body.challenges.find((c: any) => c.challenge.slug === 'rainy-street');
    expect(betaRainy).toMatchObject({ rank: 2, of: 4 });
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

  it('shows "vs Beta: 33% W, 33% L, 33% T" in closed cafe logo', async () => {
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

  it('reports position bias from the snapshot, and an even split before any', async () => {
    const specs = resultVotes();
    const leftWins = specs.filter((s) => s.outcome === 'left').length;
    const rightWins = specs.filter((s) => s.outcome === 'right').length;
    const bias = await client().get('/api/leaderboards/text-to-image/position-bias');
    expect(bias.status).toBe(200);
    expect(bias.body).toMatchObject({ leftWins, rightWins, decisive: leftWins + rightWins });
    expect(bias.body.leftShare).toBeCloseTo(leftWins / (leftWins + rightWins), 12);
    expect(bias.body.low).toBeLessThan(bias.body.leftShare);
    expect(bias.body.high).toBeGreaterThan(bias.body.leftShare);
    expect(bias.body.computedAt).toBe(
      (await latestSnapshot(arena, 'text-to-image'))!.computedAt.toISOString(),
    );
    // Night sky has no vote: image editing has no snapshot yet.
    const none = await client().get('/api/leaderboards/image-editing/position-bias');
    expect(none.body).toMatchObject({
      decisive: 0,
      leftShare: 0.5,
      biased: false,
      computedAt: null,
    });
  });

  it('keeps rating history per model for charts', async () => {
    const snapshot = (await latestSnapshot(arena, 'text-to-image'))!;
    const [row] = snapshot.rows;
    const board = await client().get('/api/leaderboards/text-to-image');
    const slug = board.body.rows.find((r: any) => r.model.id === row!.modelId).model.slug;
    const history = await client().get(`/api/models/${slug}/history?arena=text-to-image`);
    expect(history.status).toBe(200);
    expect(history.body.points).toEqual([
      {
        computedAt: snapshot.computedAt.toISOString(),
        rating: row!.rating,
        ciLow: row!.ciLow,
        ciHigh: row!.ciHigh,
        rank: row!.rank,
        votes: row!.votes,
      },
    ]);
    const photo = (await latestSnapshot(arena, 'text-to-image', 'photorealism'))!;
    const inPhoto = await client().get(
      `/api/models/${ALPHA}/history?arena=text-to-image&category=photorealism`,
    );
    expect(inPhoto.body.category).toMatchObject({ slug: 'photorealism' });
    const alphaRow = photo.rows.find((r) => r.modelId === inPhoto.body.model.id)!;
    expect(inPhoto.body.points).toEqual([
      expect.objectContaining({ rating: alphaRow.rating, rank: 1, votes: alphaRow.votes }),
    ]);
    const none = await client().get(`/api/models/${ALPHA}/history?arena=image-editing`);
    expect(none.body).toMatchObject({ arena: 'image-editing', category: null, points: [] });
  });

  it('refuses invalid result requests with 400, unknown names with 404', async () => {
    const cases: Array<[string, number, string]> = [
      ['/api/models/%00/results', 400, 'invalid_request'],
      ['/api/challenges/a%00b/leaderboard', 400, 'invalid_request'],
      [`/api/models/${'x'.repeat(121)}/results`, 400, 'invalid_request'],
      [`/api/models/${ALPHA}/head-to-head?arena=video`, 400, 'invalid_request'],
      [`/api/models/${ALPHA}/history`, 400, 'invalid_request'],
      ['/api/leaderboards/video/position-bias', 400, 'invalid_request'],
      ['/api/models/nope/results', 404, 'model_not_found'],
      ['/api/models/nope/head-to-head', 404, 'model_not_found'],
      ['/api/models/nope/best-for', 404, 'model_not_found'],
      ['/api/models/nope/history?arena=text-to-image', 404, 'model_not_found'],
      [`/api/models/${ALPHA}/history?arena=text-to-image&category=nope`, 404, 'category_not_found'],
      [`/api/models/${ALPHA}/head-to-head?challenge=nope`, 404, 'challenge_not_found'],
      ['/api/challenges/nope/leaderboard', 404, 'challenge_not_found'],
      ['/api/leaderboards/text-to-image/position-bias?category=nope', 404, 'category_not_found'],
    ];
    for (const [path, status, code] of cases) {
      expectError(await client().get(path), status, code, path);
    }
  });
});
