import { battles, challenges, generations, models, type Database } from '@arena/db';
import { and, eq, inArray } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestClient } from './client';

/** The finished answers of one model to the text-to-image challenges. */
export async function answersOf(db: Database, model: string): Promise<string[]> {
  const rows = await db
    .select({ id: generations.id })
    .from(generations)
    .innerJoin(models, eq(models.id, generations.modelId))
    .innerJoin(challenges, eq(challenges.id, generations.challengeId))
    .where(
      and(
        eq(models.slug, model),
        eq(challenges.arena, 'text-to-image'),
        eq(generations.status, 'succeeded'),
      ),
    );
  return rows.map((row) => row.id);
}

/**
 * `count` text-to-image battles, each to a new voter (nothing seen before steers the draw), and
 * the generations they showed.
 */
export async function issueBattles(
  db: Database,
  newClient: () => TestClient,
  count: number,
): Promise<Set<string>> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await newClient().post('/api/battles', { arena: 'text-to-image' });
    expect(response.status).toBe(201);
    ids.push(response.body.id);
  }
  const rows = await db.select().from(battles).where(inArray(battles.id, ids));
  return new Set(rows.flatMap((row) => [row.leftGenerationId, row.rightGenerationId]));
}
