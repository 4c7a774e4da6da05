import type { ChallengeSummary } from '@arena/contract';
import { voteVoids, votes } from '@arena/db';
import { closeChallenge } from '@arena/services';
import { insertVotes, tournament } from '@arena/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, type TestArena } from '../support/arena';
import { TestClient } from '../support/client';
import { challengeId } from '../support/db';
import { ALPHA, BETA } from '../support/results';

/**
 * The challenges index (GET /api/challenges): each challenge's votes, counted live while it is
 * open (voided votes left out) and from its published results once closed, with its winner.
 * Night sky (image editing) is voted on and closed; rainy street (text to image) stays open.
 */
describe('challenges index', () => {
  let arena: TestArena;
  const client = () => new TestClient(arena.app);
  const list = async (query = '') => {
    const response = await client().get<{ challenges: ChallengeSummary[] }>(
      `/api/challenges${query}`,
    );
    expect(response.status).toBe(200);
    return new Map(response.body.challenges.map((challenge) => [challenge.slug, challenge]));
  };

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    const ctx = arena.runtime.ctx;
    // Beta beats alpha 5 to 1 on night sky; rainy street gets 4 votes, one of them voided.
    await insertVotes(ctx.db, tournament('night-sky', [BETA, ALPHA], 5, 1));
    await insertVotes(ctx.db, tournament('rainy-street', [ALPHA, BETA], 3, 1));
    const [voided] = await ctx.db
      .select({ id: votes.id })
      .from(votes)
      .where(eq(votes.challengeId, await challengeId(arena, 'rainy-street')))
      .limit(1);
    await ctx.db.insert(voteVoids).values({ voteId: voided!.id, reason: 'test' });
    await closeChallenge(ctx, {
      challengeId: await challengeId(arena, 'night-sky'),
      operatorId: null,
    });
  });
  afterAll(async () => {
    await arena?.close();
  });

  it('gives a closed challenge its published votes and its winner', async () => {
    const nightSky = (await list()).get('night-sky')!;
    expect(nightSky.status).toBe('closed');
    expect(nightSky.votes).toBe(6);
    expect(nightSky.winner?.slug).toBe(BETA);
    expect(nightSky.closedAt).toEqual(expect.any(String));
  });

  it('counts an open challenge’s votes live, without voided ones, and names no winner', async () => {
    const rainy = (await list()).get('rainy-street')!;
    expect(rainy.status).toBe('voting');
    expect(rainy.votes).toBe(3);
    expect(rainy.winner).toBeNull();
    expect(rainy.openedAt).toEqual(expect.any(String));
    expect(rainy.generations.succeeded).toBe(rainy.generations.total);
  });

  it('filters by arena and status', async () => {
    const editing = await list('?arena=image-editing');
    expect([...editing.values()].every((c) => c.arena === 'image-editing')).toBe(true);
    expect(editing.has('night-sky')).toBe(true);
    expect(editing.has('rainy-street')).toBe(false);
    const closed = await list('?status=closed');
    expect([...closed.keys()]).toEqual(['night-sky']);
    expect((await client().get('/api/challenges?arena=nope')).status).toBe(400);
  });
});
