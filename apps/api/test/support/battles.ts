import type { Battle } from '@arena/contract';
import { battles, votes, type Database } from '@arena/db';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestClient } from './client';

/** A battle issued to `voter` through the API; fails the test unless it is issued. */
export async function newBattle(
  voter: TestClient,
  body: unknown = { arena: 'text-to-image' },
): Promise<Battle> {
  const response = await voter.post<Battle>('/api/battles', body);
  expect(response.status).toBe(201);
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
