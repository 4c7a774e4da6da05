import { voters } from '@arena/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, startVotableArena, TEST_SESSION_SECRET, type TestArena } from '../support/arena';
import { expectStoredBattle, newBattle, signedCookie, voterIdOf } from '../support/battles';
import { TestClient } from '../support/client';

const T2I = { arena: 'text-to-image' } as const;

/**
 * The voter session trusts a signed cookie without reading the database: the battle statement
 * keeps the voter's row (last seen, restored when a restore lost it).
 */
describe.each(DRIVERS)('voter sessions on %s', (driver) => {
  let arena: TestArena;
  const client = () => new TestClient(arena.app);
  const db = () => arena.runtime.ctx.db;

  beforeAll(async () => {
    arena = await startVotableArena(driver);
  });
  afterAll(async () => {
    await arena?.close();
  });

  it("refreshes a returning voter's last_seen_at, and restores a signed voter a restore lost", async () => {
    const voter = client();
    await newBattle(voter);
    const voterId = voterIdOf(voter.cookie!);
    const lastSeen = async (id: string) =>
      (await db().select().from(voters).where(eq(voters.id, id)))[0]?.lastSeenAt;
    // Within the resolution a battle does not write the voter's row; past it, it does.
    const recent = new Date(Date.now() - 60_000);
    await db().update(voters).set({ lastSeenAt: recent }).where(eq(voters.id, voterId));
    await newBattle(voter);
    expect(await lastSeen(voterId)).toEqual(recent);
    const stale = new Date(Date.now() - 3_600_000);
    await db().update(voters).set({ lastSeenAt: stale }).where(eq(voters.id, voterId));
    await newBattle(voter);
    expect((await lastSeen(voterId))!.getTime()).toBeGreaterThan(Date.now() - 60_000);

    // A cookie this server signed for a voter whose row is gone (a database restored from
    // before it): the same voter is carried on, its row back, its battles its own.
    const lost = '0b6f3f5e-8a4c-4f7e-9d1a-2c3b4a5d6e7f';
    const cookie = signedCookie(lost, TEST_SESSION_SECRET);
    const issued = await client().post('/api/battles', T2I, { cookie });
    expect(issued.status).toBe(201);
    expect(issued.headers.get('set-cookie')).toBeNull();
    await expectStoredBattle(db(), issued.body, lost);
    expect(await lastSeen(lost)).toBeDefined();
  });
});
