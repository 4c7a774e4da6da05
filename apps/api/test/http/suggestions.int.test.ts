import { auditLog, challengeSuggestions, challenges, voters } from '@arena/db';
import { loadConfig } from '@arena/runtime';
import { createOperatorToken } from '@arena/services';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { createRequestLimits } from '../../src/limits/request-limits';
import { startVotableArena, TEST_SESSION_SECRET, type TestArena } from '../support/arena';
import { voterIdOf } from '../support/battles';
import { TestClient } from '../support/client';
import { expectError } from '../support/errors';

const PROMPT = 'A lighthouse keeper painting the storm from inside the lamp room';

/**
 * Suggestions: a voter suggests a challenge from the site; an operator (a moderator here)
 * lists them, accepts one as a draft challenge or rejects it; bad input is a 4xx that stores
 * nothing; the suggestion limit per voter.
 */
describe('challenge suggestions', () => {
  let arena: TestArena;
  let token: string;
  let operatorId: string;
  const client = () => new TestClient(arena.app);
  const db = () => arena.runtime.ctx.db;
  const moderator = () => ({ authorization: `Bearer ${token}` });
  const pending = async () =>
    (await client().get('/api/admin/suggestions', moderator())).body.suggestions as Array<{
      id: string;
      prompt: string;
    }>;

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    ({ token, operatorId } = await createOperatorToken(arena.runtime.ctx, {
      name: 'mod',
      role: 'moderator',
    }));
  }, 120_000);
  afterAll(async () => {
    await arena?.close();
  });

  it('takes a suggestion from a voter and accepts it as a draft challenge', async () => {
    const voter = client();
    const sent = await voter.post('/api/suggestions', {
      prompt: `  ${PROMPT}  `,
      arena: 'text-to-image',
      category: 'photorealism',
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({
      id: expect.any(String),
      status: 'pending',
      createdAt: expect.any(String),
    });
    expect(sent.headers.get('cache-control')).toBe('no-store');
    const voterId = voterIdOf(voter.cookie!);

    const listed = await client().get('/api/admin/suggestions?status=pending', moderator());
    expect(listed.status).toBe(200);
    expect(listed.body.suggestions).toEqual([
      {
        id: sent.body.id,
        arena: 'text-to-image',
        category: { id: expect.any(String), slug: 'photorealism', name: expect.any(String) },
        prompt: PROMPT,
        status: 'pending',
        voterId,
        challenge: null,
        decidedBy: null,
        decidedAt: null,
        createdAt: sent.body.createdAt,
      },
    ]);

    const accepted = await client().post(
      `/api/admin/suggestions/${sent.body.id}/accept`,
      { title: 'Lamp room storm' },
      moderator(),
    );
    expect(accepted.status).toBe(201);
    const { challenge, suggestion } = accepted.body;
    expect(challenge).toMatchObject({ id: expect.any(String), status: 'draft' });
    expect(suggestion).toMatchObject({
      status: 'accepted',
      challenge: { id: challenge.id, slug: challenge.slug, status: 'draft' },
      decidedBy: operatorId,
      decidedAt: expect.any(String),
    });
    const [draft] = await db().select().from(challenges).where(eq(challenges.id, challenge.id));
    expect(draft).toMatchObject({
      status: 'draft',
      title: 'Lamp room storm',
      prompt: PROMPT,
      arena: 'text-to-image',
      categoryId: listed.body.suggestions[0].category.id,
    });
    expect(draft!.slug).toMatch(/^a-lighthouse-keeper-painting-the-storm-[0-9a-f]{6}$/);
    const audited = await db()
      .select({ action: auditLog.action, operatorId: auditLog.operatorId })
      .from(auditLog)
      .where(eq(auditLog.operatorId, operatorId));
    expect(audited.map((row) => row.action).sort()).toEqual([
      'challenge.create',
      'suggestion.accept',
    ]);

    expect(await pending()).toEqual([]);
    expectError(
      await client().post(`/api/admin/suggestions/${sent.body.id}/accept`, {}, moderator()),
      409,
      'suggestion_decided',
    );
    const done = await client().get('/api/admin/suggestions?status=accepted', moderator());
    expect(done.body.suggestions.map((s: { id: string }) => s.id)).toEqual([sent.body.id]);
  });

  it('rejects a suggestion, and needs a category to accept one that names none', async () => {
    const voter = client();
    const first = await voter.post('/api/suggestions', { prompt: PROMPT, arena: 'text-to-image' });
    const second = await voter.post('/api/suggestions', {
      prompt: `${PROMPT} at dawn`,
      arena: 'text-to-image',
    });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect((await pending()).map((s) => s.id)).toEqual([first.body.id, second.body.id]);

    const accept = (id: string, body?: unknown) =>
      client().post(`/api/admin/suggestions/${id}/accept`, body, moderator());
    expectError(await accept(first.body.id), 400, 'category_required');
    expectError(await accept(first.body.id, { category: 'nope' }), 404, 'category_not_found');
    expectError(await accept(first.body.id, { slug: 'Not A Slug' }), 400, 'invalid_request');
    // Refused drafts leave the suggestion pending and create nothing.
    expect((await pending()).map((s) => s.id)).toContain(first.body.id);
    const created = await accept(first.body.id, {
      category: 'logo-typography',
      slug: 'storm-logo',
    });
    expect(created.status).toBe(201);
    expect(created.body.challenge.slug).toBe('storm-logo');

    const rejected = await client().post(
      `/api/admin/suggestions/${second.body.id}/reject`,
      { reason: 'duplicate' },
      moderator(),
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      id: second.body.id,
      status: 'rejected',
      challenge: null,
    });
    expectError(
      await client().post(
        `/api/admin/suggestions/${second.body.id}/reject`,
        undefined,
        moderator(),
      ),
      409,
      'suggestion_decided',
    );
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'suggestion.reject'), eq(auditLog.subjectId, second.body.id)));
    expect(audit).toMatchObject({ operatorId, after: { status: 'rejected', reason: 'duplicate' } });
    expectError(
      await client().post(
        '/api/admin/suggestions/00000000-0000-4000-8000-000000000000/reject',
        {},
        moderator(),
      ),
      404,
      'suggestion_not_found',
    );
  });

  it('refuses bad suggestions with a 4xx and stores nothing', async () => {
    const before = await db().$count(challengeSuggestions);
    const voter = client();
    const cases: Array<[unknown, number, string]> = [
      [{ prompt: 'short', arena: 'text-to-image' }, 400, 'invalid_request'],
      [{ prompt: 'x'.repeat(2001), arena: 'text-to-image' }, 400, 'invalid_request'],
      [{ prompt: '          ', arena: 'text-to-image' }, 400, 'invalid_request'],
      [{ prompt: PROMPT, arena: 'video' }, 400, 'invalid_request'],
      [{ prompt: PROMPT }, 400, 'invalid_request'],
      [{ prompt: PROMPT, arena: 'text-to-image', extra: 1 }, 400, 'invalid_request'],
      [{ prompt: PROMPT, arena: 'text-to-image', category: 'nope' }, 404, 'category_not_found'],
      // A category of the other arena.
      [
        { prompt: PROMPT, arena: 'image-editing', category: 'photorealism' },
        404,
        'category_not_found',
      ],
    ];
    for (const [body, status, code] of cases) {
      expectError(await voter.post('/api/suggestions', body), status, code, JSON.stringify(body));
    }
    const notJson = await voter.post('/api/suggestions', 'prompt=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(notJson.status).toBe(415);
    expect(await db().$count(challengeSuggestions)).toBe(before);
    // Operators only.
    expect((await client().get('/api/admin/suggestions')).status).toBe(401);
    expectError(
      await client().get('/api/admin/suggestions?status=maybe', moderator()),
      400,
      'invalid_request',
    );
  });

  it('refuses a banned voter', async () => {
    const voter = client();
    await voter.post('/api/suggestions', { prompt: PROMPT, arena: 'text-to-image' });
    const voterId = voterIdOf(voter.cookie!);
    await db()
      .update(voters)
      .set({ flags: ['blocked'] })
      .where(eq(voters.id, voterId));
    expectError(
      await voter.post('/api/suggestions', { prompt: PROMPT, arena: 'text-to-image' }),
      403,
      'voter_banned',
    );
  });

  it('limits suggestions per voter', async () => {
    const config = loadConfig({ LIMIT_SUGGESTIONS_PER_HOUR: '2' });
    const limits = createRequestLimits(config.limits, { prefix: 'suggestions-test' });
    const app = createApp({ ctx: arena.runtime.ctx, sessionSecret: TEST_SESSION_SECRET, limits });
    try {
      const voter = new TestClient(app);
      const send = () => voter.post('/api/suggestions', { prompt: PROMPT, arena: 'text-to-image' });
      expect([(await send()).status, (await send()).status]).toEqual([201, 201]);
      const refused = await send();
      expectError(refused, 429, 'rate_limited');
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      // Another voter still may.
      const other = new TestClient(app);
      expect(
        (await other.post('/api/suggestions', { prompt: PROMPT, arena: 'text-to-image' })).status,
      ).toBe(201);
    } finally {
      await limits.close();
    }
  });
});
