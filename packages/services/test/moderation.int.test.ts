import { OVERALL_SCOPE } from '@arena/core';
import { challenges, generations, models, voters, votes } from '@arena/db';
import { insertVotes, tournament } from '@arena/testing';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  challengeScope,
  closeChallenge,
  exportVotes,
  recomputeLeaderboards,
  setGenerationHidden,
  setVoterFlag,
  voidVote,
} from '../src';
import { OPEN_ANSWERS_VERSION_SQL, openAnswers } from '../src/battles/open-answers';
import { latestSnapshot } from '../src/leaderboards/snapshot-reads';
import { startSeededServices, type TestServices } from './support/test-services';

const ORDER = ['alpha-image', 'beta-diffusion', 'gamma-gen', 'delta-draw'];

/**
 * Moderation as the leaderboards and the battle index see it: voided votes and banned voters'
 * votes leave every board and the export at the next recompute (the board is refitted even when
 * the vote totals did not move), and hiding an answer moves the open answers' version.
 */
describe('moderation in the boards and the battle index', () => {
  let test: TestServices;
  const ctx = () => test.ctx;
  const db = () => test.ctx.db;
  const newVoter = async () =>
    (await db().insert(voters).values({}).returning({ id: voters.id }))[0]!.id;
  const overall = () => latestSnapshot(ctx(), { arena: 'text-to-image', scope: OVERALL_SCOPE });
  const slugOf = async (id: string) =>
    (await db().select({ slug: models.slug }).from(models).where(eq(models.id, id)))[0]!.slug;
  const winsOf = async (modelId: string) =>
    (await overall())!.rows.find((row) => row.modelId === modelId)!.wins;
  const exported = async () => {
    let lines = 0;
    for await (const chunk of exportVotes(ctx(), { format: 'jsonl', salt: 'x'.repeat(32) })) {
      lines += chunk.split('\n').filter(Boolean).length;
    }
    return lines;
  };
  let crowd = '';
  let banned = '';

  beforeAll(async () => {
    test = await startSeededServices({
      config: { screening: { enabled: false, alpha: 0.05, minVotes: 5 } },
    });
    crowd = await newVoter();
    banned = await newVoter();
    await insertVotes(db(), [
      ...tournament('rainy-street', ORDER, 6, 2).map((spec) => ({ ...spec, voterId: crowd })),
      ...tournament('cafe-logo', ORDER.slice(0, 2), 4, 0).map((spec) => ({
        ...spec,
        voterId: banned,
      })),
    ]);
    await recomputeLeaderboards(ctx());
  }, 120_000);
  afterAll(async () => {
    await test?.close();
  });

  it('refits the board after a void even when a new vote keeps the totals equal', async () => {
    const before = await overall();
    const [vote] = await db()
      .select()
      .from(votes)
      .where(and(eq(votes.voterId, crowd), eq(votes.outcome, 'left')))
      .limit(1);
    const [winner, loser] = [vote!.leftModelId, vote!.rightModelId];
    const [winnerWins, loserWins] = [await winsOf(winner), await winsOf(loser)];
    // One new vote the other way, then the void (which asks for a recompute of its own): the
    // arena's total stays what the snapshot holds, and only the void's fingerprint tells.
    const side = async (id: string): Promise<[string, number]> => [await slugOf(id), 1];
    await insertVotes(db(), [
      {
        challenge: 'rainy-street',
        left: await side(winner),
        right: await side(loser),
        outcome: 'right',
      },
    ]);
    await voidVote(ctx(), { voteId: vote!.id, reason: 'test', operatorId: null });
    await recomputeLeaderboards(ctx());
    const after = await overall();
    expect(after!.voteCount).toBe(before!.voteCount);
    expect(after!.id).not.toBe(before!.id);
    expect(await winsOf(winner)).toBe(winnerWins - 1);
    expect(await winsOf(loser)).toBe(loserWins + 1);
  });

  it("republishes a closed challenge's board when one of its votes is voided", async () => {
    const [rainy] = await db().select().from(challenges).where(eq(challenges.slug, 'rainy-street'));
    await closeChallenge(ctx(), { challengeId: rainy!.id, operatorId: null });
    const scope = challengeScope(rainy!.id);
    const published = await latestSnapshot(ctx(), { arena: 'text-to-image', scope });
    const [another] = await db()
      .select({ id: votes.id })
      .from(votes)
      .where(and(eq(votes.voterId, crowd), eq(votes.outcome, 'right')))
      .limit(1);
    await voidVote(ctx(), { voteId: another!.id, reason: 'test', operatorId: null });
    await recomputeLeaderboards(ctx());
    const republished = await latestSnapshot(ctx(), { arena: 'text-to-image', scope });
    expect(republished!.voteCount).toBe(published!.voteCount - 1);
  });

  it("leaves a banned voter's votes out of the boards and the export until the ban is lifted", async () => {
    await recomputeLeaderboards(ctx());
    const [count, lines] = [(await overall())!.voteCount, await exported()];
    await setVoterFlag(ctx(), { voterId: banned, flag: 'blocked', on: true, operatorId: null });
    await recomputeLeaderboards(ctx());
    expect((await overall())!.voteCount).toBe(count - 4);
    expect(await exported()).toBe(lines - 4);
    await setVoterFlag(ctx(), { voterId: banned, flag: 'blocked', on: false, operatorId: null });
    await recomputeLeaderboards(ctx());
    expect((await overall())!.voteCount).toBe(count);
    expect(await exported()).toBe(lines);
  });

  it('moves the open answers version when an answer is hidden, and the index leaves it out', async () => {
    const version = async () =>
      (
        await db()
          .select({ v: sql<string>`${OPEN_ANSWERS_VERSION_SQL}` })
          .from(sql`(select 1) one`)
      )[0]!.v;
    const [answer] = await db()
      .select({
        id: generations.id,
        challengeId: generations.challengeId,
        modelId: generations.modelId,
      })
      .from(generations)
      .innerJoin(challenges, eq(challenges.id, generations.challengeId))
      .where(and(eq(challenges.slug, 'cafe-logo'), eq(generations.status, 'succeeded')))
      .limit(1);
    const attemptsOf = async () =>
      (await openAnswers(ctx(), 'text-to-image')).challenges
        .get(answer!.challengeId)!
        .attempts.get(answer!.modelId) ?? [];
    expect(await attemptsOf()).toContain(answer!.id);
    const before = await version();
    await setGenerationHidden(ctx(), { generationId: answer!.id, hidden: true, operatorId: null });
    expect(await version()).not.toBe(before);
    expect(await attemptsOf()).not.toContain(answer!.id);
    await setGenerationHidden(ctx(), { generationId: answer!.id, hidden: false, operatorId: null });
    expect(await attemptsOf()).toContain(answer!.id);
  });
});
