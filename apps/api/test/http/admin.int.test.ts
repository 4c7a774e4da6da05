import { auditLog, challenges, generations, images, models } from '@arena/db';
import { noisePng } from '@arena/fake-providers';
import { createOperatorToken } from '@arena/services';
import { waitFor } from '@arena/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, type TestArena } from '../support/arena';
import { TestClient } from '../support/client';
import { draft } from '../support/admin';
import { lookAt } from '../support/battles';
import { challengeId, rowCounts } from '../support/db';
import { expectError } from '../support/errors';

/** The operator endpoints (routes/admin.ts): create, launch and close challenges. */
describe('operator endpoints', () => {
  let arena: TestArena;
  let token: string;
  let operatorId: string;
  let sourceImage: string;
  const client = () => new TestClient(arena.app);
  const admin = () => ({ authorization: `Bearer ${token}` });
  const db = () => arena.runtime.ctx.db;
  const create = (body: unknown) => client().post('/api/admin/challenges', body, admin());
  const act = (id: string, verb: 'launch' | 'close') =>
    client().post(`/api/admin/challenges/${id}/${verb}`, undefined, admin());
  const statusOf = async (id: string) =>
    (await db().select().from(challenges).where(eq(challenges.id, id)))[0]!.status;
  const audited = (action: string, subjectId: string) =>
    db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)));

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    ({ token, operatorId } = await createOperatorToken(arena.runtime.ctx, { name: 'tester' }));
    // Larger than the public body limit (64 KiB) once in base64, well within the operators'.
    sourceImage = (await noisePng(200_000)).toString('base64');
  });
  afterAll(async () => {
    await arena?.close();
  });

  it('creates a draft challenge with its defaults, and audits who did', async () => {
    const created = await create(draft('harbour-dawn'));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), slug: 'harbour-dawn', status: 'draft' });
    const [row] = await db().select().from(challenges).where(eq(challenges.id, created.body.id));
    expect(row).toMatchObject({
      title: 'Draft harbour-dawn',
      arena: 'text-to-image',
      prompt: 'A lighthouse at dawn.',
      aspectRatio: '1:1',
      resolution: '1K',
      sourceImageId: null,
      status: 'draft',
    });
    expect(await audited('challenge.create', created.body.id)).toMatchObject([{ operatorId }]);
    // A draft is for operators: it is not listed publicly.
    const listed = await client().get('/api/challenges');
    expect(listed.body.challenges.map((c: any) => c.slug)).not.toContain('harbour-dawn');

    const edit = await create(
      draft('harbour-night', {
        arena: 'image-editing',
        category: 'scene-transformation',
        aspectRatio: '4:3',
        resolution: '0.5K',
        sourceImageBase64: sourceImage,
      }),
    );
    expect(edit.status).toBe(201);
    const [stored] = await db()
      .select({ challenge: challenges, image: images })
      .from(challenges)
      .innerJoin(images, eq(images.id, challenges.sourceImageId))
      .where(eq(challenges.id, edit.body.id));
    expect(stored!.challenge).toMatchObject({ aspectRatio: '4:3', resolution: '0.5K' });
    expect(stored!.image).toMatchObject({ kind: 'source', contentType: 'image/webp' });
  });

  it('launches a draft into three attempts of every active model, once', async () => {
    const { body } = await create(draft('launch-me', { category: 'logo-typography' }));
    const launched = await act(body.id, 'launch');
    expect(launched.status).toBe(202);
    expect(launched.body).toEqual({ challengeId: body.id, models: 4, generations: 12 });
    const rows = await db()
      .select({ model: models.slug, attempt: generations.attempt })
      .from(generations)
      .innerJoin(models, eq(models.id, generations.modelId))
      .where(eq(generations.challengeId, body.id));
    const attempts = (slug: string) => rows.filter((r) => r.model === slug).map((r) => r.attempt);
    expect(rows).toHaveLength(12);
    for (const slug of ['alpha-image', 'beta-diffusion', 'gamma-gen', 'delta-draw'])
      expect(attempts(slug).sort()).toEqual([1, 2, 3]);
    // The demo provider answers at once: the challenge opens for voting when all have run.
    await waitFor(async () => (await statusOf(body.id)) === 'voting', 30_000, 'voting');

    expectError(await act(body.id, 'launch'), 409, 'challenge_not_launchable');
    expectError(
      await act(await challengeId(arena, 'rainy-street'), 'launch'),
      409,
      'challenge_not_launchable',
    );
    expectError(
      await act('00000000-0000-4000-8000-000000000000', 'launch'),
      404,
      'challenge_not_found',
    );
    expectError(await act('not-a-uuid', 'launch'), 400, 'invalid_request');
    const after = await db().select().from(generations).where(eq(generations.challengeId, body.id));
    expect(after).toHaveLength(12);
  });

  it('refuses to launch a challenge that fewer than two active models could answer', async () => {
    const { body } = await create(
      draft('lonely-edit', {
        arena: 'image-editing',
        category: 'scene-transformation',
        sourceImageBase64: sourceImage,
      }),
    );
    // Image editing has two models; with one of them inactive, nothing can be compared.
    await db().update(models).set({ active: false }).where(eq(models.slug, 'beta-diffusion'));
    try {
      expectError(await act(body.id, 'launch'), 409, 'not_enough_models');
    } finally {
      await db().update(models).set({ active: true }).where(eq(models.slug, 'beta-diffusion'));
    }
    expect(await statusOf(body.id)).toBe('draft');
    const made = await db().select().from(generations).where(eq(generations.challengeId, body.id));
    expect(made).toEqual([]);
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
    await lookAt(voter, early.body);
    expectError(
      await client().get('/api/challenges/rainy-street/leaderboard'),
      403,
      'results_not_public',
    );

    expect((await client().post(`/api/admin/challenges/${id}/close`)).status).toBe(401);
    const closed = await act(id, 'close');
    expect(closed.status).toBe(200);
    expect(closed.body).toEqual({
      challengeId: id,
      slug: 'rainy-street',
      status: 'closed',
      closedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const again = await act(id, 'close');
    expect(again.status).toBe(200);
    expect(again.body.closedAt).toBe(closed.body.closedAt);
    expect(await audited('challenge.close', id)).toMatchObject([{ operatorId }]);
    // Its results are public now.
    const board = await client().get('/api/challenges/rainy-street/leaderboard');
    expect(board.status).toBe(200);
    expect(board.body.challenge).toMatchObject({
      status: 'closed',
      closedAt: closed.body.closedAt,
    });

    const { body: notYet } = await create(draft('draft-one'));
    expectError(await act(notYet.id, 'close'), 409, 'challenge_not_voting');
    expect(await statusOf(notYet.id)).toBe('draft');
    expectError(
      await act('00000000-0000-4000-8000-000000000000', 'close'),
      404,
      'challenge_not_found',
    );
    expectError(await act('not-a-uuid', 'close'), 400, 'invalid_request');

    const late = await voter.post(`/api/battles/${early.body.id}/vote`, { outcome: 'left' });
    expectError(late, 410, 'challenge_closed');
    // Its only category has no open challenge left.
    const none = await client().post('/api/battles', {
      arena: 'text-to-image',
      category: 'photorealism',
    });
    expectError(none, 404, 'no_battle_available');
  });

  it('refuses invalid challenges with 4xx and writes nothing', async () => {
    const before = await rowCounts(arena, { challenges, images, auditLog });
    const editing = { arena: 'image-editing', category: 'scene-transformation' };
    const cases: Array<[string, unknown, number, string]> = [
      ['malformed JSON', '{"slug": ', 400, 'invalid_json'],
      ['no fields', {}, 400, 'invalid_request'],
      ['a slug with spaces', draft('Not A Slug'), 400, 'invalid_request'],
      ['a slug too long', draft('x'.repeat(81)), 400, 'invalid_request'],
      ['an empty title', draft('t', { title: '' }), 400, 'invalid_request'],
      ['an unknown arena', draft('a', { arena: 'video' }), 400, 'invalid_request'],
      ['a status of its own', draft('s', { status: 'voting' }), 400, 'invalid_request'],
      // Over the public limit, far under the operators': refused for its length, not its size.
      ['a prompt too long', draft('p', { prompt: 'x'.repeat(100_000) }), 400, 'invalid_request'],
      ['an unknown aspect ratio', draft('r', { aspectRatio: '7:1' }), 400, 'invalid_request'],
      ['an unknown resolution', draft('q', { resolution: '8K' }), 400, 'invalid_request'],
      ['an unknown category', draft('c', { category: 'nope' }), 404, 'category_not_found'],
      [
        'a category of the other arena',
        draft('k', { category: 'scene-transformation' }),
        404,
        'category_not_found',
      ],
      ['no source image to edit', draft('e', editing), 400, 'source_image_required'],
      [
        'a source that is no image',
        draft('n', { ...editing, sourceImageBase64: 'bm90IGFuIGltYWdl' }),
        400,
        'source_image_not_image',
      ],
      ['a taken slug', draft('rainy-street'), 409, 'slug_taken'],
      [
        'a taken slug, with an image',
        draft('night-sky', { ...editing, sourceImageBase64: sourceImage }),
        409,
        'slug_taken',
      ],
      ['a body over 40 MiB', `{"pad":"${'x'.repeat(41 * 1024 * 1024)}"}`, 413, 'payload_too_large'],
    ];
    for (const [label, body, status, code] of cases) {
      expectError(await create(body), status, code, label);
    }
    const form = await client().post('/api/admin/challenges', 'slug=form', {
      ...admin(),
      'content-type': 'application/x-www-form-urlencoded',
    });
    expectError(form, 415, 'bad_request');
    expect(await rowCounts(arena, { challenges, images, auditLog })).toEqual(before);
  });
});
