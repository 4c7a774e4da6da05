import { battles, challenges, generations, models } from '@arena/db';
import { eq, inArray, or, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeChallenge, createVoter, issueBattle } from '../src';
import { startSeededServices, type TestServices } from './support/test-services';

/**
 * Battle issue keeps the open answers in memory (battles/open-answers.ts) and must still see
 * every change the moment it is committed: a challenge closed, reopened, a new answer.
 */
describe('the kept index of open answers', () => {
  let test: TestServices;
  const db = () => test.ctx.db;
  let voter: string;

  async function issuedChallengesAndModels(count: number) {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      ids.push((await issueBattle(test.ctx, { voterId: voter, arena: 'text-to-image' })).id);
    }
    const rows = await db()
      .select({ challenge: challenges.slug, left: battles.leftGenerationId })
      .from(battles)
      .innerJoin(challenges, eq(challenges.id, battles.challengeId))
      .where(inArray(battles.id, ids));
    const sides = await db()
      .select({ model: models.slug })
      .from(battles)
      .innerJoin(
        generations,
        or(
          eq(generations.id, battles.leftGenerationId),
          eq(generations.id, battles.rightGenerationId),
        ),
      )
      .innerJoin(models, eq(models.id, generations.modelId))
      .where(inArray(battles.id, ids));
    return {
      challenges: new Set(rows.map((row) => row.challenge)),
      models: new Set(sides.map((row) => row.model)),
    };
  }

  const challengeId = async (slug: string) =>
    (await db().select().from(challenges).where(eq(challenges.slug, slug)))[0]!.id;

  beforeAll(async () => {
    test = await startSeededServices();
    voter = await createVoter(test.ctx);
  }, 120_000);
  afterAll(async () => {
    await test?.close();
  });

  it('stops issuing a challenge as soon as it closes, and issues it again once reopened', async () => {
    expect((await issuedChallengesAndModels(30)).challenges).toEqual(
      new Set(['rainy-street', 'cafe-logo']),
    );
    const rainy = await challengeId('rainy-street');
    await closeChallenge(test.ctx, { challengeId: rainy, operatorId: null });
    expect((await issuedChallengesAndModels(30)).challenges).toEqual(new Set(['cafe-logo']));
    await db().update(challenges).set({ status: 'voting' }).where(eq(challenges.id, rainy));
    expect((await issuedChallengesAndModels(40)).challenges).toEqual(
      new Set(['rainy-street', 'cafe-logo']),
    );
  });

  it('issues a new answer from the next battle on', async () => {
    const [template] = await db().select().from(models).where(eq(models.slug, 'delta-draw'));
    const [fresh] = await db()
      .insert(models)
      .values({ ...template!, id: undefined, slug: 'zeta-late', name: 'Zeta Late' })
      .returning();
    const answers = await db()
      .select()
      .from(generations)
      .where(eq(generations.modelId, template!.id));
    await db()
      .insert(generations)
      .values(answers.map((answer) => ({ ...answer, id: undefined, modelId: fresh!.id })));
    // New and unrated, it is boosted: within 40 battles it is all but certain to appear.
    expect((await issuedChallengesAndModels(40)).models).toContain('zeta-late');
  });

  it('moves the version when any statement hides or disqualifies an answer', async () => {
    const version = async () =>
      (
        (await db().execute(
          sql`select last_value::text as v from open_answers_version`,
        )) as unknown as { v: string }[]
      )[0]!.v;
    const [answer] = await db().select().from(generations).limit(1);
    const moves = async (change: Partial<typeof generations.$inferInsert>) => {
      const before = await version();
      await db().update(generations).set(change).where(eq(generations.id, answer!.id));
      return (await version()) !== before;
    };
    expect(await moves({ hiddenAt: new Date() })).toBe(true);
    expect(await moves({ hiddenAt: null })).toBe(true);
    expect(await moves({ disqualifiedAt: new Date() })).toBe(true);
    // A column battles do not depend on leaves it alone.
    expect(await moves({ updatedAt: new Date() })).toBe(false);
    expect((await issuedChallengesAndModels(20)).challenges.size).toBeGreaterThan(0);
  });
});
