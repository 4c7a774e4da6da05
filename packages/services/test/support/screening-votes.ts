import {
  createRng,
  DEFAULT_VOTER,
  simulateRecord,
  type SimulatedRecord,
  type VoterBehaviour,
} from '@arena/core';
import {
  battles,
  challenges,
  generations,
  models,
  opaqueId,
  voters,
  type Database,
} from '@arena/db';
import { insertVotes } from '@arena/testing';
import { and, eq } from 'drizzle-orm';

/** The test catalog's text-to-image models, strongest first, and their true ratings. */
export const BOARD = ['alpha-image', 'beta-diffusion', 'gamma-gen', 'delta-draw'];
export const TRUTH = [300, 100, -100, -300];

export async function newVoter(db: Database): Promise<string> {
  const [voter] = await db.insert(voters).values({}).returning({ id: voters.id });
  return voter!.id;
}

/** A simulated voter's record (core's screening simulation) over BOARD, as the truth sees it. */
export function simulatedRecord(
  behaviour: VoterBehaviour,
  votes: number,
  seed: string,
  view: readonly number[] = TRUTH,
): SimulatedRecord {
  const settings = { modelCount: BOARD.length, voteRate: 0.85, voter: DEFAULT_VOTER };
  return simulateRecord(behaviour, view, votes, settings, createRng(seed));
}

const slugOf = (key: string) => BOARD[Number(key.slice('model-'.length))]!;

/**
 * Writes a simulated record for a new voter on one challenge: its votes (attempt 1 of each
 * model) and the battles it skipped, expired and unvoted, from `from.addressKey`'s network if
 * given. Returns the voter's id.
 */
export async function plantRecord(
  db: Database,
  challenge: string,
  record: SimulatedRecord,
  from: { addressKey?: string } = {},
): Promise<string> {
  const voterId = await newVoter(db);
  await insertVotes(
    db,
    record.votes.map((vote) => ({
      challenge,
      left: [slugOf(vote.left), 1] as [string, number],
      right: [slugOf(vote.right), 1] as [string, number],
      outcome: vote.outcome,
      voterId,
      addressKey: from.addressKey,
    })),
  );
  const skipped = record.battles.filter((battle) => !battle.voted);
  if (skipped.length === 0) return voterId;
  const rows = await db
    .select({
      generationId: generations.id,
      model: models.slug,
      challengeId: challenges.id,
      arena: challenges.arena,
      categoryId: challenges.categoryId,
    })
    .from(generations)
    .innerJoin(challenges, eq(challenges.id, generations.challengeId))
    .innerJoin(models, eq(models.id, generations.modelId))
    .where(and(eq(challenges.slug, challenge), eq(generations.attempt, 1)));
  const of = (key: string) => rows.find((row) => row.model === slugOf(key))!;
  const past = new Date(Date.now() - 3_600_000);
  await db.insert(battles).values(
    skipped.map((battle) => ({
      arena: of(battle.left).arena,
      challengeId: of(battle.left).challengeId,
      categoryId: of(battle.left).categoryId,
      leftGenerationId: of(battle.left).generationId,
      rightGenerationId: of(battle.right).generationId,
      leftImageToken: opaqueId(),
      rightImageToken: opaqueId(),
      voterId,
      addressKey: from.addressKey ?? null,
      issuedAt: past,
      expiresAt: new Date(past.getTime() + 60_000),
    })),
  );
  return voterId;
}
