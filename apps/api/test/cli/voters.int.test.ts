import { voters } from '@arena/db';
import { insertVotes, tournament } from '@arena/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, TEST_SESSION_SECRET, type TestArena } from '../support/arena';
import { runCli } from '../support/cli';

/** `pnpm arena voters suspected` and `pnpm arena voters clear ID`. */
describe('suspected voters from the CLI', () => {
  let arena: TestArena;
  let suspect: string;
  const db = () => arena.runtime.ctx.db;
  const cli = (args: string[]) =>
    runCli(['voters', ...args], {
      DATABASE_URL: arena.database!.url,
      DATA_DIR: arena.dataDir,
      SESSION_SECRET: TEST_SESSION_SECRET,
      SEED_CATALOG: 'false',
    });

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    const [voter] = await db().insert(voters).values({}).returning({ id: voters.id });
    suspect = voter!.id;
    await insertVotes(
      db(),
      tournament('rainy-street', ['delta-draw', 'alpha-image'], 5, 0).map((spec) => ({
        ...spec,
        voterId: suspect,
      })),
    );
    const suspicion = { reasons: ['text-to-image: picks delta-draw'], votes: 5, statistics: {} };
    await db()
      .update(voters)
      .set({ suspectedAt: new Date('2026-01-02T03:04:05Z'), suspicion })
      .where(eq(voters.id, suspect));
  });
  afterAll(async () => {
    await arena?.close();
  });

  it('lists the suspected voters, clears one, and lists none after', async () => {
    const listed = await cli(['suspected']);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    expect(
      listed.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      {
        id: suspect,
        suspectedAt: '2026-01-02T03:04:05.000Z',
        reasons: ['text-to-image: picks delta-draw'],
        votes: 5,
      },
    ]);

    const cleared = await cli(['clear', suspect]);
    expect(cleared.code).toBe(0);
    expect(JSON.parse(cleared.stdout)).toMatchObject({ id: suspect, clearedBy: null });
    const [row] = await db().select().from(voters).where(eq(voters.id, suspect));
    expect(row!.clearedAt).not.toBeNull();
    const none = await cli(['suspected']);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('no suspected voters');
  });

  it('fails for an unknown voter, a malformed id, or a verb it does not know', async () => {
    const unknown = await cli(['clear', '00000000-0000-4000-8000-000000000000']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no such voter/);
    expect((await cli(['clear', 'not-a-uuid'])).code).toBe(2);
    expect((await cli(['forgive', suspect])).code).toBe(2);
    expect((await cli([])).code).toBe(2);
  });
});
