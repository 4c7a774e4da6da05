import { OVERALL_SCOPE } from '@arena/core';
import { leaderboardSnapshots, votes } from '@arena/db';
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearVoter, listSuspectedVoters, recomputeLeaderboards } from '../src';
import { plantRecord, simulatedRecord } from './support/screening-votes';
import { startSeededServices, type TestServices } from './support/test-services';

/**
 * Screening per client network (voters/screen-networks.ts): identities taken a few votes at a
 * time, each under the per-voter minimum, are judged together by the network they came from.
 */
describe('screening networks', () => {
  let test: TestServices;
  const db = () => test.ctx.db;
  const sybils: string[] = [];
  const housemates: string[] = [];
  const suspected = async () => (await listSuspectedVoters(test.ctx)).map((voter) => voter.id);

  beforeAll(async () => {
    test = await startSeededServices();
    // An honest board, each voter from a network of their own.
    for (let i = 0; i < 40; i += 1) {
      const record = simulatedRecord({ kind: 'honest' }, 12 + (i % 7) * 3, `honest-a:${i}`);
      await plantRecord(db(), 'rainy-street', record, { addressKey: `home-${i}` });
    }
    await recomputeLeaderboards(test.ctx);
  }, 120_000);
  afterAll(async () => {
    await test?.close();
  });

  it('flags identities of one network that each vote too little to be judged alone', async () => {
    // Ten fresh identities, three votes each, only in battles with the weakest model, for it.
    for (let i = 0; i < 10; i += 1) {
      const record = simulatedRecord({ kind: 'selective_promoter', target: 3 }, 3, `sybil:${i}`);
      sybils.push(await plantRecord(db(), 'rainy-street', record, { addressKey: 'attacker' }));
    }
    // Six honest people sharing one network, four votes each.
    for (let i = 0; i < 6; i += 1) {
      const record = simulatedRecord({ kind: 'honest' }, 4, `housemate:${i}`);
      housemates.push(await plantRecord(db(), 'rainy-street', record, { addressKey: 'house' }));
    }
    // With screening off (SCREENING=off), nobody is flagged.
    const off = { enabled: false, alpha: 0.05, minVotes: 5 };
    const unscreened = await recomputeLeaderboards({
      ...test.ctx,
      config: { ...test.ctx.config, screening: off },
    });
    expect(unscreened.flaggedVoters).toBe(0);
    expect(await suspected()).toEqual([]);
    const result = await recomputeLeaderboards(test.ctx);
    expect(result.flaggedVoters).toBe(10);
    expect((await suspected()).sort()).toEqual([...sybils].sort());
    const listed = await listSuspectedVoters(test.ctx);
    for (const voter of listed) {
      expect(voter.votes).toBe(3);
      expect(voter.reasons.join('\n')).toMatch(/network \(10 voters\).*delta-draw/);
    }
  });

  it('keeps their votes stored but off the board', async () => {
    const stored = await db().$count(votes, eq(votes.addressKey, 'attacker'));
    expect(stored).toBe(30);
    const all = await db().$count(votes, isNotNull(votes.addressKey));
    expect(await recomputeLeaderboards(test.ctx, { force: true })).toMatchObject({
      flaggedVoters: 0,
    });
    const [board] = await db()
      .select({ voteCount: leaderboardSnapshots.voteCount })
      .from(leaderboardSnapshots)
      .where(
        and(
          eq(leaderboardSnapshots.arena, 'text-to-image'),
          eq(leaderboardSnapshots.scope, OVERALL_SCOPE),
        ),
      )
      .orderBy(desc(leaderboardSnapshots.computedAt))
      .limit(1);
    expect(board!.voteCount).toBe(all - 30);
  });

  it("flags the network's next identity too, but not one an operator cleared", async () => {
    await clearVoter(test.ctx, { voterId: sybils[0]!, operatorId: null });
    const record = simulatedRecord({ kind: 'selective_promoter', target: 3 }, 3, 'sybil:next');
    const next = await plantRecord(db(), 'rainy-street', record, { addressKey: 'attacker' });
    await recomputeLeaderboards(test.ctx);
    const now = await suspected();
    expect(now).toContain(next);
    // Cleared: its votes before the clearance were vouched for, and it cast none since.
    expect(now).not.toContain(sybils[0]);
    expect(now.filter((id) => housemates.includes(id))).toEqual([]);
  });
});
