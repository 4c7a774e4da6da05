import { ARENAS } from '@arena/core';
import { battles, challenges, images, models, voters, votes } from '@arena/db';
import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, TEST_SESSION_SECRET, type TestArena } from '../support/arena';
import { TestClient } from '../support/client';
import { expectError } from '../support/errors';
import {
  API_VOTES,
  castOpenDataVotes,
  exportLines,
  exportText,
  HAND_MADE_VOTES,
} from '../support/open-data';

/** GET /api/votes/export (routes/open-data.ts): every counted vote, as open data. */
describe('open data: the vote export', () => {
  let arena: TestArena;
  let cookies: string[];
  const db = () => arena.runtime.ctx.db;

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    cookies = await castOpenDataVotes(arena);
  });
  afterAll(async () => {
    await arena?.close();
  });

  it('exports every counted vote as JSON lines, with voters hashed and open challenges unnamed', async () => {
    const text = await exportText(arena, 'jsonl');
    const lines = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const [counted] = await db()
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(votes)
      .where(eq(votes.counted, true));
    expect(lines).toHaveLength(counted!.n);
    expect(lines.length).toBe(API_VOTES + HAND_MADE_VOTES);
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
    expect(new Set(lines.map((l) => l.voter)).size).toBe(API_VOTES + 1);

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
    expect(await exportText(arena, 'jsonl')).toBe(text);
  });

  it('exports the same votes as CSV', async () => {
    const csv = (await exportText(arena, 'csv')).trimEnd().split('\r\n');
    const jsonl = await exportLines(arena);
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
    const jsonl = await exportLines(arena);
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

  it('serves the export as a download, JSON lines unless CSV is asked for', async () => {
    const expected = {
      jsonl: ['application/x-ndjson; charset=utf-8', 'arena-votes.jsonl'],
      csv: ['text/csv; charset=utf-8', 'arena-votes.csv'],
    };
    for (const [query, [type, file]] of [
      ['', expected.jsonl],
      ['?format=jsonl', expected.jsonl],
      ['?format=csv', expected.csv],
    ] as const) {
      const response = await new TestClient(arena.app).get(`/api/votes/export${query}`);
      expect(response.status, query).toBe(200);
      expect(response.headers.get('content-type'), query).toBe(type);
      expect(response.headers.get('content-disposition'), query).toBe(
        `attachment; filename="${file}"`,
      );
      expect(response.headers.get('cache-control'), query).toBe('public, max-age=300');
      expect(response.headers.get('set-cookie'), query).toBeNull();
    }
    const byDefault = await new TestClient(arena.app).get('/api/votes/export');
    expect((byDefault.body as Buffer).toString('utf8')).toBe(await exportText(arena, 'jsonl'));
  });

  it('refuses an unknown format with 400, and names no battle, image or secret', async () => {
    for (const format of ['xml', 'JSONL', 'json', '']) {
      const response = await new TestClient(arena.app).get(`/api/votes/export?format=${format}`);
      expectError(response, 400, 'invalid_request', format);
    }
    const text = (await exportText(arena, 'jsonl')) + (await exportText(arena, 'csv'));
    const hidden = [
      TEST_SESSION_SECRET,
      ...(await db().select({ id: battles.id }).from(battles)).map((b) => b.id),
      ...(await db().select({ id: images.id }).from(images)).map((i) => i.id),
      ...(await db().select({ id: models.id }).from(models)).map((m) => m.id),
      ...(await db().select({ id: challenges.id }).from(challenges)).map((c) => c.id),
    ];
    for (const value of hidden) expect(text).not.toContain(value);
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
