import { openDatabase, queryRows, type DatabaseHandle } from '@arena/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVoter, issueBattle } from '../src';
import { battleInputsQuery } from '../src/battles/battle-inputs';
import { seenComparisonsOf } from '../src/battles/seen-comparisons';
import type { ServiceContext } from '../src';
import { startSeededServices, type TestServices } from './support/test-services';

const T2I = 'text-to-image';

/**
 * Each API process remembers what a voter was shown (seen-comparisons.ts) and reads it from
 * the database again only when the voter's latest battle is not the one it knows: here two
 * processes (two connection pools, two memories) share one voter.
 */
describe("a voter's comparisons, remembered per process", () => {
  let arena: TestServices;
  let other: DatabaseHandle;
  let second: ServiceContext;

  beforeAll(async () => {
    arena = await startSeededServices();
    other = await openDatabase({ driver: 'postgres', url: arena.database!.url });
    second = { ...arena.ctx, db: other.db };
  });
  afterAll(async () => {
    await other?.close();
    await arena?.close();
  });

  /** `challenge|low model|high model` of each of the voter's battles, oldest first. */
  async function comparisons(voterId: string): Promise<string[]> {
    const rows = await queryRows<{ key: string }>(
      arena.ctx.db,
      sql`select b.challenge_id || '|' || least(gl.model_id, gr.model_id) || '|'
                   || greatest(gl.model_id, gr.model_id) as key
          from battles b
          join generations gl on gl.id = b.left_generation_id
          join generations gr on gr.id = b.right_generation_id
          where b.voter_id = ${voterId}::uuid
          order by b.issued_at, b.id`,
    );
    return rows.map((row) => row.key);
  }

  it('never repeats a comparison while others remain, whichever process issues the battle', async () => {
    const voter = await createVoter(arena.ctx);
    // Two challenges x six pairs: twelve comparisons. Each process issues some, in turns.
    const order = [0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1];
    for (const process of order) {
      await issueBattle(process === 0 ? arena.ctx : second, { voterId: voter, arena: T2I });
    }
    const shown = await comparisons(voter);
    expect(shown).toHaveLength(12);
    expect(new Set(shown).size).toBe(12);

    // Battles after battles in one process: its memory stays current, so the statement has
    // nothing to send.
    const memory = seenComparisonsOf(arena.ctx.db);
    for (let i = 0; i < 3; i += 1) {
      const battle = await issueBattle(arena.ctx, { voterId: voter, arena: T2I });
      expect(memory.knownLatest(voter)).toContain(battle.id);
    }
    // Two at once build on the same latest battle: both are remembered, nothing is reloaded.
    const pair = await Promise.all(
      [0, 1].map(() => issueBattle(arena.ctx, { voterId: voter, arena: T2I })),
    );
    for (const battle of pair) expect(memory.knownLatest(voter)).toContain(battle.id);
  });

  it('sends the comparisons only when the latest battle is not the one the caller knows', async () => {
    const voter = await createVoter(arena.ctx);
    for (let i = 0; i < 3; i += 1) await issueBattle(arena.ctx, { voterId: voter, arena: T2I });
    const read = async (knownLatest?: (string | null)[]) =>
      (
        await queryRows<{ latest_battle: string; seen: { keys: string[]; battles: number } }>(
          arena.ctx.db,
          battleInputsQuery({ voterId: voter, arena: T2I, knownLatest }),
        )
      )[0]!;
    const fresh = await read();
    expect(fresh.seen.battles).toBe(3);
    expect(fresh.seen.keys.sort()).toEqual([...new Set(await comparisons(voter))].sort());
    expect((await read([fresh.latest_battle])).seen).toBeNull();
    expect(
      (await read(['00000000-0000-4000-8000-000000000000', fresh.latest_battle])).seen,
    ).toBeNull();
    expect((await read([null])).seen.battles).toBe(3);
    // Another process's battle moves the latest: the comparisons come again, four of them.
    await issueBattle(second, { voterId: voter, arena: T2I });
    const moved = await read([fresh.latest_battle]);
    expect(moved.latest_battle).not.toBe(fresh.latest_battle);
    expect(moved.seen.battles).toBe(4);
  });
});
