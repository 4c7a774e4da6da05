import { challenges } from '@arena/db';
import { closeChallenge, recomputeLeaderboards } from '@arena/services';
import { insertVotes, tournament } from '@arena/testing';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestArena } from './arena';
import { newBattle } from './battles';
import { TestClient } from './client';

const T2I = ['alpha-image', 'beta-diffusion', 'gamma-gen', 'delta-draw'];

/** Votes through the API by 12 voters, then a hand-made 151 by one voter (+ 18 not counted). */
export const API_VOTES = 12;
export const HAND_MADE_VOTES = 6 * 13 + 6 * 10 + 11;

/**
 * The votes the open-data tests export: real ones through the API (voters with cookies, whose
 * cookies are returned), a volume of hand-made ones, and some kept for audit but not counted.
 * Rainy street is closed and the leaderboards are recomputed.
 */
export async function castOpenDataVotes(arena: TestArena): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < API_VOTES; i += 1) {
    const voter = new TestClient(arena.app);
    const battle = await newBattle(voter, {
      arena: i % 3 === 0 ? 'image-editing' : 'text-to-image',
    });
    const vote = await voter.post(`/api/battles/${battle.id}/vote`, {
      outcome: (['left', 'right', 'tie', 'both_bad'] as const)[i % 4],
    });
    expect(vote.status).toBe(200);
    cookies.push(voter.cookie!);
  }
  const db = arena.runtime.ctx.db;
  await insertVotes(db, [
    ...tournament('rainy-street', T2I, 9, 4),
    ...tournament('cafe-logo', [...T2I].reverse(), 7, 3),
    ...tournament('night-sky', ['beta-diffusion', 'alpha-image'], 6, 5),
    // Kept for audit, not counted: never exported.
    ...tournament('cafe-logo', T2I, 3, 0).map((spec) => ({ ...spec, counted: false })),
  ]);
  const [rainy] = await db.select().from(challenges).where(eq(challenges.slug, 'rainy-street'));
  await closeChallenge(arena.runtime.ctx, { challengeId: rainy!.id, operatorId: null });
  await recomputeLeaderboards(arena.runtime.ctx);
  return cookies;
}

/** GET /api/votes/export in one format, as text. */
export async function exportText(arena: TestArena, format: 'jsonl' | 'csv'): Promise<string> {
  const response = await new TestClient(arena.app).get(`/api/votes/export?format=${format}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain(format === 'csv' ? 'text/csv' : 'ndjson');
  return (response.body as Buffer).toString('utf8');
}

/** The export as JSON lines, parsed. */
export const exportLines = async (arena: TestArena) =>
  (await exportText(arena, 'jsonl'))
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
