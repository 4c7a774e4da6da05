import { challenges } from '@arena/db';
import { fakePng } from '@arena/fake-providers';
import { createOperatorToken } from '@arena/services';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOperator, draft } from '../support/admin';
import { startVotableArena, type TestArena } from '../support/arena';
import { TestClient } from '../support/client';
import { expectError } from '../support/errors';
import { file, postForm, sseReader, type SseEvent } from '../support/console';

/** Challenges in the console (routes/admin-challenges.ts): the list, uploads, the live fan-out. */
describe('challenges through the admin API', () => {
  let arena: TestArena;
  let token: string;
  const db = () => arena.runtime.ctx.db;
  const client = () => new TestClient(arena.app);
  const {
    headers: admin,
    post,
    get,
    fanOut,
  } = asOperator(
    () => arena,
    () => token,
  );

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    ({ token } = await createOperatorToken(arena.runtime.ctx, { name: 'challenges' }));
  }, 120_000);
  afterAll(async () => {
    await arena?.close();
  });

  it('lists challenges by status, drafts included, with their generation counts', async () => {
    const created = await post('/api/admin/challenges', draft('listed-draft'));
    expect(created.status).toBe(201);
    const drafts = await get('/api/admin/challenges?status=draft');
    expect(drafts.status).toBe(200);
    expect(drafts.body.challenges.map((c: any) => c.slug)).toEqual(['listed-draft']);
    expect(drafts.body.challenges[0]).toMatchObject({
      status: 'draft',
      aspectRatio: '1:1',
      sourceImageUrl: null,
      generations: { total: 0, pending: 0, running: 0, succeeded: 0, failed: 0 },
    });
    const voting = await get('/api/admin/challenges?status=voting&arena=text-to-image');
    const rainy = voting.body.challenges.find((c: any) => c.slug === 'rainy-street');
    expect(rainy.generations).toEqual({
      total: 12,
      pending: 0,
      running: 0,
      succeeded: 12,
      failed: 0,
      disqualified: 0,
    });
    const all = await get('/api/admin/challenges');
    expect(all.body.challenges.length).toBe(voting.body.challenges.length + 2);
    expectError(await get('/api/admin/challenges?status=published'), 400, 'invalid_request');
    // Without credentials, nothing.
    expect((await client().get('/api/admin/challenges')).status).toBe(401);
  });

  it('creates an editing challenge from a multipart upload with its 4:3 aspect ratio', async () => {
    const fields = {
      title: 'Autumn harbour',
      arena: 'image-editing',
      category: 'scene-transformation',
      prompt: 'Make it autumn.',
      resolution: '0.5K',
    };
    const png = await fakePng(5, 800, 600);
    const created = await postForm(
      arena,
      '/api/admin/challenges',
      { ...fields, sourceImage: file(png) },
      admin(),
    );
    expect(created.status).toBe(201);
    // The slug comes from the title when none is sent.
    expect(created.body).toMatchObject({ slug: 'autumn-harbour', status: 'draft' });
    const [row] = await db().select().from(challenges).where(eq(challenges.id, created.body.id));
    expect(row).toMatchObject({ aspectRatio: '4:3', resolution: '0.5K' });
    const { challenge } = await fanOut(created.body.id);
    expect(challenge.sourceImageUrl).toBe(`/api/admin/images/${row!.sourceImageId}`);
    const image = await get(challenge.sourceImageUrl);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect((await client().get(challenge.sourceImageUrl)).status).toBe(401);

    // A ratio named wins; a pixel size maps to the nearest ratio; no file is refused by name.
    const square = await postForm(
      arena,
      '/api/admin/challenges',
      { ...fields, slug: 'square-harbour', aspectRatio: '1:1', sourceImage: file(png) },
      admin(),
    );
    expect(square.status).toBe(201);
    const sized = await post('/api/admin/challenges', draft('wide-sized', { size: '1536x1024' }));
    expect(sized.status).toBe(201);
    const ratios = await db()
      .select({ slug: challenges.slug, ratio: challenges.aspectRatio, tier: challenges.resolution })
      .from(challenges)
      .where(eq(challenges.arena, 'text-to-image'));
    expect(ratios.find((r) => r.slug === 'wide-sized')).toMatchObject({ ratio: '3:2', tier: '1K' });
    const [squareRow] = await db()
      .select()
      .from(challenges)
      .where(eq(challenges.slug, 'square-harbour'));
    expect(squareRow!.aspectRatio).toBe('1:1');
    const missing = await postForm(
      arena,
      '/api/admin/challenges',
      { ...fields, slug: 'x' },
      admin(),
    );
    expectError(missing, 400, 'source_image_required');
    expect(missing.body.details).toEqual({ field: 'sourceImage' });
  });

  it('streams a fan-out over SSE: a snapshot, its progress, then done', async () => {
    const { body: created } = await post('/api/admin/challenges', draft('watched-live'));
    const response = await arena.app.request(`/api/admin/challenges/${created.id}/events`, {
      headers: admin(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = sseReader(response);
    const snapshot = await events.next();
    expect(snapshot).toMatchObject({
      event: 'snapshot',
      data: {
        challenge: { status: 'draft' },
        progress: { total: 0, done: false },
        generations: [],
      },
    });
    expect((await post(`/api/admin/challenges/${created.id}/launch`)).status).toBe(202);
    const received: SseEvent[] = [];
    for (let event = await events.next(); event; event = await events.next()) received.push(event);
    const names = received.map((e) => e.event);
    expect(names.at(-1)).toBe('done');
    expect(names.slice(0, -1).every((name) => name === 'update')).toBe(true);
    expect(names.length).toBeGreaterThanOrEqual(2);
    const percents = received.map((e) => e.data.progress.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(received.at(-1)!.data).toMatchObject({
      challenge: { status: 'voting' },
      progress: { total: 12, finished: 12, percent: 100, done: true },
    });
    // Every generation arrived, in its final state, through the updates.
    const last = new Map<string, any>();
    for (const event of received) for (const g of event.data.generations) last.set(g.id, g);
    expect(last.size).toBe(12);
    for (const g of last.values()) {
      expect(g).toMatchObject({ status: 'succeeded', provider: { slug: 'demo' }, tries: 1 });
      expect(g.imageUrl).toMatch(/^\/api\/admin\/images\//);
    }

    // A finished fan-out: its snapshot, then done at once. An unknown one: 404 before any stream.
    const again = sseReader(
      await arena.app.request(`/api/admin/challenges/${created.id}/events`, { headers: admin() }),
    );
    expect((await again.next())?.event).toBe('snapshot');
    expect((await again.next())?.event).toBe('done');
    expect(await again.next()).toBeUndefined();
    const unknown = await get('/api/admin/challenges/00000000-0000-4000-8000-000000000000/events');
    expectError(unknown, 404, 'challenge_not_found');
  });
});
