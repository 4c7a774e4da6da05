import { votes } from '@arena/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, type TestArena } from '../support/arena';
import { battleRow, lookAt, newBattle } from '../support/battles';
import { TestClient } from '../support/client';
import { expectError } from '../support/errors';

const MIN_VIEW_MS = 600;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A vote counts only from a voter who looked (routes/battles.ts, routes/images.ts): both
 * images fetched by the battle's own voter, then the minimum viewing time; and a voter holds
 * only a few unvoted battles.
 */
describe('votes from voters who looked', () => {
  let arena: TestArena;
  const client = () => new TestClient(arena.app);
  const db = () => arena.runtime.ctx.db;
  const vote = (voter: TestClient, battleId: string) =>
    voter.post(`/api/battles/${battleId}/vote`, { outcome: 'left' });
  const storedVotes = async (battleId: string) =>
    db().select().from(votes).where(eq(votes.battleId, battleId));

  beforeAll(async () => {
    arena = await startVotableArena('postgres', {
      MIN_VIEW_MS: String(MIN_VIEW_MS),
      MAX_OPEN_BATTLES: '3',
    });
  });
  afterAll(async () => {
    await arena?.close();
  });

  it('refuses a vote until both images were fetched, and stores nothing', async () => {
    const voter = client();
    const battle = await newBattle(voter, undefined, { look: false });
    await sleep(MIN_VIEW_MS + 100);
    expectError(await vote(voter, battle.id), 425, 'images_not_viewed');
    expect((await voter.get(battle.left.imageUrl)).status).toBe(200);
    await sleep(MIN_VIEW_MS + 100);
    expectError(await vote(voter, battle.id), 425, 'images_not_viewed');
    // Someone else fetching the other image counts for nothing: they get a 404.
    expectError(await client().get(battle.right.imageUrl), 404, 'image_not_found');
    expect((await battleRow(db(), battle.id)).rightSeenAt).toBeNull();
    expect(await storedVotes(battle.id)).toEqual([]);
    expect((await voter.get(battle.right.imageUrl)).status).toBe(200);
    await sleep(MIN_VIEW_MS + 100);
    expect((await vote(voter, battle.id)).status).toBe(200);
    expect(await storedVotes(battle.id)).toHaveLength(1);
  });

  it('runs the viewing time from the later fetch, not from the issue', async () => {
    const voter = client();
    const battle = await newBattle(voter, undefined, { look: false });
    await sleep(MIN_VIEW_MS + 200); // long since issued
    await lookAt(voter, battle);
    const row = await battleRow(db(), battle.id);
    expect(row.leftSeenAt!.getTime()).toBeGreaterThan(row.issuedAt.getTime() + MIN_VIEW_MS);
    expectError(await vote(voter, battle.id), 425, 'too_early');
    await sleep(MIN_VIEW_MS + 100);
    expect((await vote(voter, battle.id)).status).toBe(200);
    const [stored] = await storedVotes(battle.id);
    // The decision time is measured from the second image, as the viewing time is.
    const seen = Math.max(row.leftSeenAt!.getTime(), row.rightSeenAt!.getTime());
    expect(stored!.decisionMs).toBe(stored!.createdAt.getTime() - seen);
    // Fetching again later does not restart the clock.
    expect((await battleRow(db(), battle.id)).leftSeenAt).toEqual(row.leftSeenAt);
  });

  it('keeps at most three unvoted battles per voter: a fourth expires the oldest', async () => {
    const voter = client();
    const held = [];
    for (let i = 0; i < 5; i += 1) held.push(await newBattle(voter));
    await sleep(MIN_VIEW_MS + 100);
    expectError(await vote(voter, held[0]!.id), 410, 'battle_expired');
    expectError(await vote(voter, held[1]!.id), 410, 'battle_expired');
    for (const battle of held.slice(2)) expect((await vote(voter, battle.id)).status).toBe(200);
    // Another voter's battles are theirs: issuing mine expired none of them.
    const other = client();
    const theirs = await newBattle(other);
    for (let i = 0; i < 4; i += 1) await newBattle(voter);
    await sleep(MIN_VIEW_MS + 100);
    expect((await vote(other, theirs.id)).status).toBe(200);
  });
});
