import { createHmac } from 'node:crypto';
import type { Battle, VoteResult } from '@arena/contract';
import { eloChange } from '@arena/core';
import {
  battles,
  challenges,
  generations,
  images,
  models,
  providers,
  ratingChanges,
  ratings,
  voteVoids,
  votes,
  type Database,
} from '@arena/db';
import { and, eq, inArray, notExists, sql } from 'drizzle-orm';
import { waitFor } from '@arena/testing';
import { expect } from 'vitest';
import type { TestClient } from './client';

/** The voter fetches both images of a battle, as a browser does: a vote needs it. */
export async function lookAt(voter: TestClient, battle: Pick<Battle, 'left' | 'right'>) {
  for (const side of [battle.left, battle.right]) {
    const image = await voter.get(side.imageUrl);
    expect(image.status, side.imageUrl).toBe(200);
  }
}

/**
 * A battle issued to `voter` through the API, both images fetched (a vote needs that) unless
 * `look` is false; fails the test unless it is issued.
 */
export async function newBattle(
  voter: TestClient,
  body: unknown = { arena: 'text-to-image' },
  { look = true }: { look?: boolean } = {},
): Promise<Battle> {
  const response = await voter.post<Battle>('/api/battles', body);
  expect(response.status).toBe(201);
  if (look) await lookAt(voter, response.body);
  return response.body;
}

/** The stored row of a battle. */
export async function battleRow(db: Database, battleId: string) {
  const [row] = await db.select().from(battles).where(eq(battles.id, battleId));
  if (!row) throw new Error(`no battle ${battleId}`);
  return row;
}

/** The votes stored for a battle. */
export const votesOn = (db: Database, battleId: string) =>
  db.select().from(votes).where(eq(votes.battleId, battleId));

/** The voter id a voter cookie (`arena_voter=<id>.<signature>`, as sent or as set) names. */
export function voterIdOf(cookie: string): string {
  const value = decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!);
  return value.slice(0, value.lastIndexOf('.'));
}

/** A voter cookie for `voterId` signed with `secret`, as the session middleware signs it. */
export function signedCookie(voterId: string, secret: string): string {
  const signature = createHmac('sha256', secret).update(voterId).digest('base64');
  return `arena_voter=${encodeURIComponent(`${voterId}.${signature}`)}`;
}

/** Everything a battle must not carry: model, provider, generation and image ids and names. */
export async function namesBehindBattles(db: Database): Promise<string[]> {
  const [allModels, allProviders, gens, stored] = await Promise.all([
    db.select().from(models),
    db.select().from(providers),
    db.select({ id: generations.id }).from(generations),
    db.select().from(images),
  ]);
  return [
    ...allModels.flatMap((m) => [m.id, m.slug, m.name, m.creator]),
    ...allProviders.flatMap((p) => [p.id, p.slug, p.name]),
    ...gens.map((g) => g.id),
    ...stored.flatMap((i) => [i.id, i.storageKey, i.sha256]),
  ];
}

/** The step the vote computed in SQL is the core's online Elo step, in both scopes. */
export function expectCoreEloStep(result: VoteResult, k: number) {
  for (const scope of ['overall', 'category'] as const) {
    const { before, delta } = result.left[scope];
    const core = eloChange(before, result.right[scope].before, result.outcome, k).left;
    expect(delta).toBeCloseTo(core, 9);
    expect(result.right[scope].delta).toBeCloseTo(-core, 9);
  }
}

/**
 * Waits until the ratings consumer has applied every queued Elo step: votes queue their steps
 * and the consumer runs moments later, through the job runner.
 */
export async function ratingsSettled(db: Database) {
  await waitFor(async () => (await db.select().from(ratingChanges).limit(1)).length === 0, 10_000);
}

/**
 * Once the consumer has applied every step: Elo moves points from one model to the other, so
 * each scope's ratings sum to 1000 a model, and overall every counted vote is two games.
 */
export async function expectZeroSumRatings(db: Database) {
  await ratingsSettled(db);
  const sums = await ratingTotals(db);
  expect(sums.length).toBeGreaterThan(0);
  for (const sum of sums) {
    expect(sum.total).toBeCloseTo(1000 * sum.rows, 6);
    if (sum.scope === 'overall') expect(sum.games).toBe(2 * sum.votes);
  }
}

/**
 * Per arena and scope, the sum of the online ratings and of the games, beside the counted votes
 * of the arena: Elo moves points from one model to the other, so every sum stays 1000 a model.
 */
export async function ratingTotals(db: Database) {
  const count = sql<number>`count(*)`.mapWith(Number);
  const sums = await db
    .select({
      arena: ratings.arena,
      scope: ratings.scope,
      total: sql<number>`sum(${ratings.rating})`.mapWith(Number),
      rows: count,
      games: sql<number>`sum(${ratings.games})`.mapWith(Number),
    })
    .from(ratings)
    .groupBy(ratings.arena, ratings.scope);
  // A voided or undone vote's steps are reversed: it is no longer a game.
  const counted = await db
    .select({ arena: votes.arena, n: count })
    .from(votes)
    .where(
      and(
        eq(votes.counted, true),
        notExists(db.select().from(voteVoids).where(eq(voteVoids.voteId, votes.id))),
      ),
    )
    .groupBy(votes.arena);
  return sums.map((sum) => ({
    ...sum,
    votes: counted.find((c) => c.arena === sum.arena)?.n ?? 0,
  }));
}

/**
 * Checks a battle against what was stored: issued to `voterId`, on an open challenge whose
 * title, prompt and category it shows, with two succeeded answers of two different models to
 * that challenge behind its image tokens, and the stored times.
 */
export async function expectStoredBattle(db: Database, battle: Battle, voterId: string) {
  const row = await battleRow(db, battle.id);
  expect(row.voterId).toBe(voterId);
  const [challenge] = await db.select().from(challenges).where(eq(challenges.id, row.challengeId));
  expect(challenge).toMatchObject({ arena: battle.arena, status: 'voting' });
  expect(battle.challenge).toMatchObject({
    title: challenge!.title,
    prompt: challenge!.prompt,
    category: { id: challenge!.categoryId },
  });
  const sides = await db
    .select()
    .from(generations)
    .where(inArray(generations.id, [row.leftGenerationId, row.rightGenerationId]));
  expect(sides.map((g) => [g.challengeId, g.status])).toEqual([
    [row.challengeId, 'succeeded'],
    [row.challengeId, 'succeeded'],
  ]);
  expect(sides[0]!.modelId).not.toBe(sides[1]!.modelId);
  expect(battle.left.imageUrl).toBe(`/api/battle-images/${row.leftImageToken}`);
  expect(battle.right.imageUrl).toBe(`/api/battle-images/${row.rightImageToken}`);
  expect([battle.issuedAt, battle.expiresAt]).toEqual([
    row.issuedAt.toISOString(),
    row.expiresAt.toISOString(),
  ]);
  return row;
}
