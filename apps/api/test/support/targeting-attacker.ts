import type { Battle, VoteResult } from '@arena/contract';
import { challenges, generations, models, type Database } from '@arena/db';
import type { VoteSpec } from '@arena/testing';
import { eq, inArray } from 'drizzle-orm';
import { expect } from 'vitest';
import { battleRow, lookAt } from './battles';
import type { TestClient } from './client';

/** The models behind a battle's two sides, as the attacker recognises them. */
async function modelsBehind(db: Database, battleId: string): Promise<[string, string]> {
  const row = await battleRow(db, battleId);
  const sides = await db
    .select({ id: generations.id, model: models.slug })
    .from(generations)
    .innerJoin(models, eq(models.id, generations.modelId))
    .where(inArray(generations.id, [row.leftGenerationId, row.rightGenerationId]));
  const slug = (id: string) => sides.find((side) => side.id === id)!.model;
  return [slug(row.leftGenerationId), slug(row.rightGenerationId)];
}

export interface TargetedAttack {
  /** Votes the arena answered 200 to, as specs that could be written straight in. */
  cast: VoteSpec[];
  /** Identities the attacker got, and new identities refused (429). */
  identities: number;
  refusedIdentities: number;
  /** Votes refused (429, 403, …), by status. */
  refusedVotes: Record<number, number>;
}

/**
 * An attacker pushing `target` above `rival`: it asks for battles, recognises both sides
 * (here it is simply told, standing in for a perceptual-hash memory that names 99% of sides:
 * see recognition.int.test.ts), and votes only when the target or the rival is on screen, for
 * the target or against the rival. It takes a fresh identity (no cookie) for every vote while
 * the arena hands them out, then goes on with the identities it has, in turn.
 */
export async function runTargetedAttack(options: {
  db: Database;
  newClient: () => TestClient;
  target: string;
  rival: string;
  votes: number;
  /** Give up after this many battles, voted or not. */
  maxBattles: number;
}): Promise<TargetedAttack> {
  const { db, target, rival } = options;
  const identities: TestClient[] = [];
  const attack: TargetedAttack = {
    cast: [],
    identities: 0,
    refusedIdentities: 0,
    refusedVotes: {},
  };
  let freshAllowed = true;
  for (let battles = 0; battles < options.maxBattles; battles += 1) {
    if (attack.cast.length >= options.votes) break;
    let voter: TestClient;
    let issued;
    if (freshAllowed) {
      voter = options.newClient();
      issued = await voter.post<Battle>('/api/battles', { arena: 'text-to-image' });
      if (issued.status === 429) {
        attack.refusedIdentities += 1;
        freshAllowed = false;
      } else identities.push(voter);
    }
    if (!freshAllowed) {
      if (identities.length === 0) break;
      voter = identities[battles % identities.length]!;
      issued = await voter.post<Battle>('/api/battles', { arena: 'text-to-image' });
    }
    if (issued!.status !== 201) continue;
    const battle = issued!.body;
    const [left, right] = await modelsBehind(db, battle.id);
    if (![left, right].some((model) => model === target || model === rival)) continue;
    await lookAt(voter!, battle);
    const targetWins = left === target || right === target;
    const winnerLeft = targetWins ? left === target : right === rival;
    const outcome = winnerLeft ? 'left' : 'right';
    const voted = await voter!.post<VoteResult>(`/api/battles/${battle.id}/vote`, { outcome });
    if (voted.status !== 200) {
      attack.refusedVotes[voted.status] = (attack.refusedVotes[voted.status] ?? 0) + 1;
      continue;
    }
    expect([voted.body.left.model.slug, voted.body.right.model.slug]).toEqual([left, right]);
    const row = await battleRow(db, battle.id);
    const attempt = async (generationId: string) =>
      (await db.select().from(generations).where(eq(generations.id, generationId)))[0]!.attempt;
    attack.cast.push({
      challenge: await challengeSlug(db, row.challengeId),
      left: [left, await attempt(row.leftGenerationId)],
      right: [right, await attempt(row.rightGenerationId)],
      outcome,
    });
  }
  attack.identities = identities.length;
  return attack;
}

async function challengeSlug(db: Database, challengeId: string): Promise<string> {
  const [row] = await db
    .select({ slug: challenges.slug })
    .from(challenges)
    .where(eq(challenges.id, challengeId));
  return row!.slug;
}
