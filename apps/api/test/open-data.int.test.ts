import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARENAS } from '@arena/core';
import { categories, challenges, leaderboardSnapshots, models, voters, votes } from '@arena/db';
import { closeChallenge, recomputeLeaderboards } from '@arena/services';
import { insertVotes, tournament } from '@arena/testing';
import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, TEST_SESSION_SECRET, type TestArena } from './support/arena';
import { runCli } from './support/cli';
import { TestClient } from './support/client';

const T2I = ['alpha-image', 'beta-diffusion', 'gamma-gen', 'delta-draw'];

describe('open data: the vote export and the recompute from it', () => {
  let arena: TestArena;
  let dir: string;
  const cookies: string[] = [];
  const db = () => arena.runtime.ctx.db;

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    dir = await mkdtemp(join(tmpdir(), 'arena-open-data-'));
    // Real votes through the API (voters with cookies), and a volume of hand-made ones.
    for (let i = 0; i < 12; i += 1) {
      const voter = new TestClient(arena.app);
      const battle = await voter.post('/api/battles', {
        arena: i % 3 === 0 ? 'image-editing' : 'text-to-image',
      });
      const vote = await voter.post(`/api/battles/${battle.body.id}/vote`, {
        outcome: (['left', 'right', 'tie', 'both_bad'] as const)[i % 4],
      });
      expect(vote.status).toBe(200);
      cookies.push(voter.cookie!);
    }
    await insertVotes(db(), [
      ...tournament('rainy-street', T2I, 9, 4),
      ...tournament('cafe-logo', [...T2I].reverse(), 7, 3),
      ...tournament('night-sky', ['beta-diffusion', 'alpha-image'], 6, 5),
      // Kept for audit, not counted: never exported.
      ...tournament('cafe-logo', T2I, 3, 0).map((spec) => ({ ...spec, counted: false })),
    ]);
    const [rainy] = await db().select().from(challenges).where(eq(challenges.slug, 'rainy-street'));
    await closeChallenge(arena.runtime.ctx, { challengeId: rainy!.id, operatorId: null });
    await recomputeLeaderboards(arena.runtime.ctx);
  });
  afterAll(async () => {
    await arena?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function exportText(format: 'jsonl' | 'csv'): Promise<string> {
    const response = await new TestClient(arena.app).get(`/api/votes/export?format=${format}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain(
      format === 'csv' ? 'text/csv' : 'ndjson',
    );
    return (response.body as Buffer).toString('utf8');
  }

  it('exports every counted vote as JSON lines, with voters hashed and open challenges unnamed', async () => {
    const text = await exportText('jsonl');
    const lines = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const [counted] = await db()
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(votes)
      .where(eq(votes.counted, true));
    expect(lines).toHaveLength(counted!.n);
    expect(lines.length).toBe(12 + 6 * 13 + 6 * 10 + 11);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual([
        'arena',
        'category',
        'challenge',
        'model_a',
        'model_b',
        'outcome',
        'voter',
        'created_at',
      ]);
      expect(line.voter).toMatch(/^[0-9a-f]{32}$/);
      expect(['model_a', 'model_b', 'tie', 'both_bad']).toContain(line.outcome);
      expect(line.challenge === null || line.challenge === 'rainy-street').toBe(true);
    }
    expect(lines.filter((l) => l.challenge === 'rainy-street')).toHaveLength(
      await countedOn('rainy-street'),
    );
    // The same voter hashes the same in every vote; twelve API voters, one hand-made voter.
    expect(new Set(lines.map((l) => l.voter)).size).toBe(12 + 1);

    // Nothing that identifies a voter or a session: no voter id, no cookie, no signature.
    const ids = (await db().select({ id: voters.id }).from(voters)).map((v) => v.id);
    for (const id of ids) expect(text).not.toContain(id);
    for (const cookie of cookies) {
      const value = decodeURIComponent(cookie.split('=')[1]!);
      const [, signature] = value.split('.');
      expect(text).not.toContain(value);
      expect(text).not.toContain(signature!);
    }
    // Stable across exports.
    expect(await exportText('jsonl')).toBe(text);
  });

  it('exports the same votes as CSV', async () => {
    const csv = (await exportText('csv')).trimEnd().split('\r\n');
    const jsonl = (await exportText('jsonl'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(csv[0]).toBe('arena,category,challenge,model_a,model_b,outcome,voter,created_at');
    expect(csv.slice(1)).toEqual(
      jsonl.map((l) =>
        [
          l.arena,
          l.category,
          l.challenge ?? '',
          l.model_a,
          l.model_b,
          l.outcome,
          l.voter,
          l.created_at,
        ].join(','),
      ),
    );
    expect((await new TestClient(arena.app).get('/api/votes/export?format=xml')).status).toBe(400);
  });

  it('names model_a the left model, in the outcome too', async () => {
    const jsonl = (await exportText('jsonl'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const left = alias(models, 'left_model');
    const right = alias(models, 'right_model');
    const stored = await db()
      .select({ arena: votes.arena, left: left.slug, right: right.slug, outcome: votes.outcome })
      .from(votes)
      .innerJoin(left, eq(left.id, votes.leftModelId))
      .innerJoin(right, eq(right.id, votes.rightModelId))
      .where(eq(votes.counted, true))
      .orderBy(votes.arena, votes.createdAt, votes.id);
    const names = { left: 'model_a', right: 'model_b', tie: 'tie', both_bad: 'both_bad' };
    // The export goes arena by arena in the product's order, oldest first within each.
    const inExportOrder = ARENAS.flatMap((arena) => stored.filter((v) => v.arena === arena));
    expect(jsonl.map((l) => [l.arena, l.model_a, l.model_b, l.outcome])).toEqual(
      inExportOrder.map((v) => [v.arena, v.left, v.right, names[v.outcome]]),
    );
  });

  it('recomputes the published leaderboards exactly from the export alone (CLI)', async () => {
    const file = join(dir, 'votes.jsonl');
    await writeFile(file, await exportText('jsonl'));
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

  it('writes the same export from the CLI, hashed with the same key', async () => {
    const file = join(dir, 'cli.jsonl');
    const run = await runCli(['export', 'votes', '--format', 'jsonl', '--out', file], {
      DATABASE_URL: arena.database!.url,
      DATA_DIR: arena.dataDir,
      SESSION_SECRET: TEST_SESSION_SECRET,
      SEED_CATALOG: 'false',
    });
    expect(run.code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(await exportText('jsonl'));
    const usage = await runCli(['export', 'votes', '--format', 'xml', '--out', file]);
    expect(usage.code).toBe(2);
  });

  async function countedOn(slug: string): Promise<number> {
    const [row] = await db()
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(votes)
      .innerJoin(challenges, eq(challenges.id, votes.challengeId))
      .where(and(eq(challenges.slug, slug), eq(votes.counted, true)));
    return row!.n;
  }
});
