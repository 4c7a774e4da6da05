import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { categories, leaderboardSnapshots, models } from '@arena/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, TEST_SESSION_SECRET, type TestArena } from '../support/arena';
import { runCli } from '../support/cli';
import { castOpenDataVotes, exportText } from '../support/open-data';

/** The CLI side of open data: the export, and the leaderboards recomputed from it alone. */
describe('open data from the CLI', () => {
  let arena: TestArena;
  let dir: string;
  const db = () => arena.runtime.ctx.db;

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    dir = await mkdtemp(join(tmpdir(), 'arena-open-data-'));
    await castOpenDataVotes(arena);
  });
  afterAll(async () => {
    await arena?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('recomputes the published leaderboards exactly from the export alone', async () => {
    const file = join(dir, 'votes.jsonl');
    await writeFile(file, await exportText(arena, 'jsonl'));
    const run = await runCli(['leaderboard', '--votes', file, '--bootstrap', '100', '--seed', '1']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { leaderboards } = JSON.parse(run.stdout);

    const slugs = new Map((await db().select().from(models)).map((m) => [m.id, m.slug]));
    const cats = new Map((await db().select().from(categories)).map((c) => [c.id, c.slug]));
    const snapshots = await db().select().from(leaderboardSnapshots);
    const published = snapshots.filter((s) => !s.scope.startsWith('challenge:'));
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
