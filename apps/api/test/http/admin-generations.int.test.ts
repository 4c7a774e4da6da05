import { auditLog, battles, generations, models } from '@arena/db';
import { createOperatorToken } from '@arena/services';
import { waitFor } from '@arena/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOperator, draft } from '../support/admin';
import { startVotableArena, type TestArena } from '../support/arena';
import { newBattle } from '../support/battles';
import { TestClient } from '../support/client';
import { challengeId } from '../support/db';
import { expectError } from '../support/errors';

/** One attempt at a time in the console: retry a failed generation, disqualify an answer. */
describe('generations through the admin API', () => {
  let arena: TestArena;
  let token: string;
  const db = () => arena.runtime.ctx.db;
  const client = () => new TestClient(arena.app);
  const { post, get, fanOut } = asOperator(
    () => arena,
    () => token,
  );

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    ({ token } = await createOperatorToken(arena.runtime.ctx, { name: 'generations' }));
  }, 120_000);
  afterAll(async () => {
    await arena?.close();
  });

  it('retries a failed generation, and only a failed one', async () => {
    // A model whose only provider has no key: each attempt fails at once (no_provider).
    const provider = await post('/api/admin/providers', {
      slug: 'keyless',
      name: 'Keyless',
      kind: 'openai-compatible',
      baseUrl: 'https://keyless.example/v1',
      apiKeyEnv: 'ARENA_TEST_KEY_NOBODY_SET',
    });
    const model = await post('/api/admin/models', {
      slug: 'flaky-model',
      name: 'Flaky Model',
      creator: 'Nobody',
      arenas: ['text-to-image'],
    });
    await post('/api/admin/offerings', {
      modelId: model.body.id,
      providerId: provider.body.id,
      providerModelId: 'flaky',
    });
    const { body: created } = await post('/api/admin/challenges', draft('retry-me'));
    expect((await post(`/api/admin/challenges/${created.id}/launch`)).body.models).toBe(5);
    await waitFor(async () => (await fanOut(created.id)).progress.done, 30_000, 'fan-out');
    const grid = await fanOut(created.id);
    const flaky = grid.generations.filter((g: any) => g.model.slug === 'flaky-model');
    expect(flaky.map((g: any) => [g.status, g.errorClass])).toEqual([
      ['failed', 'no_provider'],
      ['failed', 'no_provider'],
      ['failed', 'no_provider'],
    ]);
    const succeeded = grid.generations.find((g: any) => g.status === 'succeeded');
    expectError(
      await post(`/api/admin/generations/${succeeded.id}/retry`),
      409,
      'generation_not_failed',
    );
    expectError(
      await post('/api/admin/generations/00000000-0000-4000-8000-000000000000/retry'),
      404,
      'generation_not_found',
    );

    // The operator gives the model a way to run, then retries one attempt.
    const [demo] = (await get('/api/admin/providers')).body.providers.filter(
      (p: any) => p.slug === 'demo',
    );
    await post('/api/admin/offerings', {
      modelId: model.body.id,
      providerId: demo.id,
      providerModelId: 'flaky-model',
    });
    const retried = await post(`/api/admin/generations/${flaky[0].id}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ id: flaky[0].id, errorClass: null });
    expect(['pending', 'running', 'succeeded']).toContain(retried.body.status);
    await waitFor(
      async () =>
        (await fanOut(created.id)).generations.find((g: any) => g.id === flaky[0].id).status ===
        'succeeded',
      30_000,
      'the retried generation',
    );
    const after = (await fanOut(created.id)).generations.filter(
      (g: any) => g.model.slug === 'flaky-model',
    );
    expect(after.map((g: any) => g.status)).toEqual(['succeeded', 'failed', 'failed']);
    expect(after[0].provider.slug).toBe('demo');
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'generation.retry'), eq(auditLog.subjectId, flaky[0].id)));
    expect(audits).toHaveLength(1);
  });

  it('disqualifies an answer: it leaves new battles and the published results', async () => {
    const id = await challengeId(arena, 'night-sky');
    const grid = await fanOut(id);
    const [alpha] = await db().select().from(models).where(eq(models.slug, 'alpha-image'));
    const target = grid.generations.find((g: any) => g.model.id === alpha!.id && g.attempt === 1);
    /** Battles of new voters in image editing; with `vote`, each voted on (results need it). */
    const issue = async (count: number, vote = false) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i += 1) {
        const voter = client();
        const battle = await newBattle(voter, { arena: 'image-editing' }, { look: vote });
        if (vote) {
          const voted = await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' });
          expect(voted.status).toBe(200);
        }
        const [row] = await db().select().from(battles).where(eq(battles.id, battle.id));
        ids.push(row!.leftGenerationId, row!.rightGenerationId);
      }
      return ids;
    };
    // Before: the answer is drawn (two models, three attempts each: it shows up soon).
    let seen = false;
    for (let round = 0; round < 10 && !seen; round += 1) {
      seen = (await issue(5, true)).includes(target.id);
    }
    expect(seen).toBe(true);

    expectError(
      await post(`/api/admin/generations/${target.id}/disqualify`, {}),
      400,
      'invalid_request',
    );
    const disqualified = await post(`/api/admin/generations/${target.id}/disqualify`, {
      reason: 'shows a watermark',
    });
    expect(disqualified.status).toBe(200);
    expect(disqualified.body.disqualifiedAt).toEqual(expect.stringMatching(/^\d{4}-/));
    const again = await post(`/api/admin/generations/${target.id}/disqualify`, { reason: 'x' });
    expect(again.body.disqualifiedAt).toBe(disqualified.body.disqualifiedAt);
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'generation.disqualify'), eq(auditLog.subjectId, target.id)));
    expect(audit!.after).toMatchObject({ reason: 'shows a watermark' });
    expect((await fanOut(id)).challenge.generations.disqualified).toBe(1);

    // After: 30 battles (each would show it with probability 1/3) and it never comes up.
    expect(await issue(30)).not.toContain(target.id);

    // A failed generation cannot be disqualified: there is no answer.
    const [failed] = await db().select().from(generations).where(eq(generations.status, 'failed'));
    expectError(
      await post(`/api/admin/generations/${failed!.id}/disqualify`, { reason: 'x' }),
      409,
      'generation_not_succeeded',
    );

    // Its results, once published, leave it out of the gallery; the other attempts stay.
    expect((await post(`/api/admin/challenges/${id}/close`)).status).toBe(200);
    const results = JSON.stringify(
      (await client().get('/api/challenges/night-sky/leaderboard')).body,
    );
    const imageId = (url: string) => url.split('/').at(-1)!;
    expect(results).not.toContain(imageId(target.imageUrl));
    const other = grid.generations.find((g: any) => g.model.id === alpha!.id && g.attempt === 2);
    expect(results).toContain(imageId(other.imageUrl));
  });
});
