import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { categories, leaderboardSnapshots, models, voters } from '@arena/db';
import { recomputeLeaderboards } from '@arena/services';
import { insertVotes } from '@arena/testing';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, TEST_SESSION_SECRET, type TestArena } from '../support/arena';
import { runCli } from '../support/cli';
import { castOpenDataVotes, exportText } from '../support/open-data';

/** The CLI side of open data: the export, and the leaderboards recomputed from it alone. */
describe('open data from the CLI', () => {
  let arena: TestArena;
  let dir: string;
  let promoter: string;
  const db = () => arena.runtime.ctx.db;

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    dir = await mkdtemp(join(tmpdir(), 'arena-open-data-'));
    await castOpenDataVotes(arena);
    // A voter who always picks the weaker model, in both arenas (delta-draw over alpha-image,
    // and beta-diffusion in night-sky, whose only other model is alpha-image): screening flags
    // it in the next recompute, and its votes leave the boards and the export alike.
    const [voter] = await db().insert(voters).values({}).returning({ id: voters.id });
    promoter = voter!.id;
    await insertVotes(
      db(),
      Array.from({ length: 24 }, (_, k) => {
        const challenge = k % 3 === 0 ? 'night-sky' : 'cafe-logo';
        const pick = challenge === 'night-sky' ? 'beta-diffusion' : 'delta-draw';
        const side = (model: string): [string, number] => [model, 1];
        return {
          challenge,
          left: side(k % 2 ? pick : 'alpha-image'),
          right: side(k % 2 ? 'alpha-image' : pick),
          outcome: k % 2 ? ('left' as const) : ('right' as const),
          voterId: promoter,
        };
      }),
    );
    expect((await recomputeLeaderboards(arena.runtime.ctx)).flaggedVoters).toBe(1);
  });
  afterAll(async () => {
    await arena?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('recomputes the published leaderboards exactly from the export alone', async () => {
    const [flagged] = await db().select().from(voters).where(eq(voters.id, promoter));
    expect(flagged!.suspectedAt).not.toBeNull();
    const file = join(dir, 'votes.jsonl');
    await writeFile(file, await exportText(arena, 'jsonl'));
    const run = await runCli(['leaderboard', '--votes', file, '--bootstrap', '100', '--seed', '1']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { leaderboards } = JSON.parse(run.stdout);

    const slugs = new Map((await db().select().from(models)).map((m) => [m.id, m.slug]));
    const cats = new Map((await db().select().from(categories)).map((c) => [c.id, c.slug]));
    // The latest snapshot of each scope is the published board (older ones keep history).
    const snapshots = await db()
      .select()
      .from(leaderboardSnapshots)
      .orderBy(desc(leaderboardSnapshots.computedAt));
    const published = snapshots.filter(
      (s, i) =>
        !s.scope.startsWith('challenge:') &&
        snapshots.findIndex((t) => t.arena === s.arena && t.scope === s.scope) === i,
    );
    expect(leaderboards).toHaveLength(published.length);
    expect(leaderboards.length).toBe(2 + 3); // two arenas overall, three categories
    for (const board of leaderboards) {
      const snapshot = published.find(
        (s) =>
          s.arena === board.arena &&
          (board.category === null ? s.scope === 'overall' : cats.get(s.scope) === board.category),
      )!;
      expect(board.votes).toBe(snapshot.voteCount);
      // To the last bit: same ratings, intervals, ranks and votes, in the same order.
      expect(board.rows).toEqual(
        snapshot.rows.map((row) => ({
          model: slugs.get(row.modelId),
          rating: row.rating,
          ci_low: row.ciLow,
          ci_high: row.ciHigh,
          rank: row.rank,
          votes: row.votes,
        })),
      );
    }
  });

  it('writes the same export as the API, hashed with the same key', async () => {
    const file = join(dir, 'cli.jsonl');
    const run = await runCli(['export', 'votes', '--format', 'jsonl', '--out', file], {
      DATABASE_URL: arena.database!.url,
      DATA_DIR: arena.dataDir,
      SESSION_SECRET: TEST_SESSION_SECRET,
      SEED_CATALOG: 'false',
    });
    expect(run.code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(await exportText(arena, 'jsonl'));
    const usage = await runCli(['export', 'votes', '--format', 'xml', '--out', file]);
    expect(usage.code).toBe(2);
  });
});
