import { OVERALL_SCOPE } from '@arena/core';
import { challenges, leaderboardSnapshots, voters } from '@arena/db';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  challengeScope,
  clearVoter,
  closeChallenge,
  exportVotes,
  listSuspectedVoters,
  recomputeLeaderboards,
  screenVoters,
} from '../src';
import { plantRecord, simulatedRecord, TRUTH } from './support/screening-votes';
import { startSeededServices, type TestServices } from './support/test-services';

const HONEST_VOTERS = 40;

describe('screening voters against the published board', () => {
  let test: TestServices;
  const db = () => test.ctx.db;
  let honestVotes = 0;
  const honest: string[] = [];
  let targeted: string;
  let random: string;
  let rainyId: string;

  const latest = async (scope: string) => {
    const [row] = await db()
      .select()
      .from(leaderboardSnapshots)
      .where(
        and(eq(leaderboardSnapshots.arena, 'text-to-image'), eq(leaderboardSnapshots.scope, scope)),
      )
      .orderBy(desc(leaderboardSnapshots.computedAt))
      .limit(1);
    return row!;
  };
  const exportedVotes = async () => {
    let text = '';
    for await (const chunk of exportVotes(test.ctx, { format: 'jsonl', salt: 'salt' })) {
      text += chunk;
    }
    return text.trimEnd().split('\n').filter(Boolean).length;
  };
  const suspected = async () => (await listSuspectedVoters(test.ctx)).map((voter) => voter.id);

  beforeAll(async () => {
    test = await startSeededServices();
    // Honest voters who see the models as they are, skipping some battles blind to the models.
    // The screen bounds its false positives (alpha 5% per voter, ~0.1% measured), so an unlucky
    // honest record can be flagged: these seeds give records well inside the bounds.
    for (let i = 0; i < HONEST_VOTERS; i += 1) {
      const record = simulatedRecord({ kind: 'honest' }, 12 + (i % 7) * 3, `honest-a:${i}`);
      honest.push(await plantRecord(db(), 'rainy-street', record));
      honestVotes += record.votes.length;
    }
    const [rainy] = await db().select().from(challenges).where(eq(challenges.slug, 'rainy-street'));
    rainyId = rainy!.id;
  }, 120_000);
  afterAll(async () => {
    await test?.close();
  });

  it('judges nobody before there is a published board', async () => {
    expect(await screenVoters(test.ctx)).toEqual({ screened: 0, flagged: [], candidates: [] });
    const result = await recomputeLeaderboards(test.ctx);
    expect(result.flaggedVoters).toBe(0);
    expect((await latest(OVERALL_SCOPE)).voteCount).toBe(honestVotes);
    // The watermark stayed: every honest voter is still to be screened.
    const rows = await db().select().from(voters);
    expect(rows.filter((row) => row.votesCast > row.votesScreened)).toHaveLength(HONEST_VOTERS);
  });

  it('flags a targeted voter and a random one, not the honest, and keeps them off the board', async () => {
    // Votes only when the weakest model is on screen, always for it.
    targeted = await plantRecord(
      db(),
      'rainy-street',
      simulatedRecord({ kind: 'selective_promoter', target: 3 }, 20, 'targeted'),
    );
    // Picks at random: a record the board explains far worse than chance allows.
    random = await plantRecord(
      db(),
      'rainy-street',
      simulatedRecord({ kind: 'honest' }, 40, 'random', [0, 0, 0, 0]),
    );
    const result = await recomputeLeaderboards(test.ctx);
    expect(result.flaggedVoters).toBe(2);
    expect((await suspected()).sort()).toEqual([targeted, random].sort());
    const listed = await listSuspectedVoters(test.ctx);
    const targetedRow = listed.find((voter) => voter.id === targeted)!;
    expect(targetedRow.votes).toBe(20);
    expect(targetedRow.reasons.join('\n')).toMatch(/delta-draw/);
    expect(listed.find((voter) => voter.id === random)!.votes).toBe(40);

    // Flagged in the run that fitted the board: their 60 votes are not on it, nor exported.
    const overall = await latest(OVERALL_SCOPE);
    expect(overall.voteCount).toBe(honestVotes);
    expect(overall.params).toHaveProperty('excluded');
    expect(await exportedVotes()).toBe(honestVotes);
    // Every voter was screened once; the watermark moved past all of them.
    const rows = await db().select().from(voters);
    expect(rows.every((row) => row.votesScreened === row.votesCast)).toBe(true);
    expect(rows.filter((row) => honest.includes(row.id) && row.suspectedAt)).toEqual([]);
    // Nothing new: the next run screens nobody and writes nothing.
    expect(await recomputeLeaderboards(test.ctx)).toMatchObject({ written: 0, arenas: [] });
  });

  it('leaves them out of a closed challenge, and brings the cleared back everywhere', async () => {
    await closeChallenge(test.ctx, { challengeId: rainyId, operatorId: null });
    expect((await latest(challengeScope(rainyId))).voteCount).toBe(honestVotes);

    const cleared = await clearVoter(test.ctx, { voterId: random, operatorId: null });
    expect(cleared).toMatchObject({ id: random, clearedBy: null });
    expect(await suspected()).toEqual([targeted]);
    await expect(clearVoter(test.ctx, { voterId: random, operatorId: null })).rejects.toMatchObject(
      { code: 'voter_not_suspected' },
    );
    await recomputeLeaderboards(test.ctx);
    expect((await latest(OVERALL_SCOPE)).voteCount).toBe(honestVotes + 40);
    expect((await latest(challengeScope(rainyId))).voteCount).toBe(honestVotes + 40);
    expect(await exportedVotes()).toBe(honestVotes + 40);
    // Judged again only on votes after the clearance: none, so not flagged again.
    expect((await recomputeLeaderboards(test.ctx)).flaggedVoters).toBe(0);
    expect(await suspected()).toEqual([targeted]);
  });

  it('notices a change of excluded voters even when every count stays equal', async () => {
    // An honest voter on another challenge with as many votes as the targeted one.
    const twin = await plantRecord(
      db(),
      'cafe-logo',
      simulatedRecord({ kind: 'honest' }, 20, 'twin', TRUTH),
    );
    await recomputeLeaderboards(test.ctx);
    expect(await suspected()).toEqual([targeted]);
    const before = await latest(OVERALL_SCOPE);
    expect(before.voteCount).toBe(honestVotes + 40 + 20);

    // Swap: the targeted voter cleared, the twin flagged (as screening would flag it).
    await clearVoter(test.ctx, { voterId: targeted, operatorId: null });
    await db()
      .update(voters)
      .set({
        suspectedAt: new Date(),
        suspicion: { reasons: ['planted'], votes: 20, statistics: {} },
      })
      .where(eq(voters.id, twin));
    const result = await recomputeLeaderboards(test.ctx);
    expect(result.arenas).toEqual(['text-to-image']);
    const after = await latest(OVERALL_SCOPE);
    expect(after.voteCount).toBe(before.voteCount);
    expect(after.id).not.toBe(before.id);
    expect(after.params).not.toEqual(before.params);
    // The targeted voter's wins for delta-draw are back on the board, the twin's votes gone.
    const delta = (snapshot: typeof before) => snapshot.rows.find((row) => row.rank === 4)!;
    expect(delta(after).wins).toBeGreaterThan(delta(before).wins);
    // The closed challenge's own board took the targeted voter's votes back.
    expect((await latest(challengeScope(rainyId))).voteCount).toBe(honestVotes + 40 + 20);
    expect(await recomputeLeaderboards(test.ctx)).toMatchObject({ written: 0, arenas: [] });
  });
});
