import { createOperatorToken } from '@arena/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, type TestArena } from '../support/arena';
import { TestClient } from '../support/client';
import { challengeId } from '../support/db';

/** The operator endpoints (routes/admin.ts): create, launch and close challenges. */
describe('operator endpoints', () => {
  let arena: TestArena;
  const client = () => new TestClient(arena.app);
  const admin = { authorization: '' };

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    const { token } = await createOperatorToken(arena.runtime.ctx, { name: 'tester' });
    admin.authorization = `Bearer ${token}`;
  });
  afterAll(async () => {
    await arena?.close();
  });

  it('closes a challenge for operators only, once, and only from voting', async () => {
    const id = await challengeId(arena, 'rainy-street');
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
});
