import {
  battles,
  challenges,
  generations,
  models,
  opaqueId,
  voters,
  votes,
  type Database,
} from '@arena/db';
import { eq, inArray } from 'drizzle-orm';

type VoteOutcome = (typeof votes.$inferInsert)['outcome'];

/** One hand-made vote: which attempt of which model sat on each side, and the outcome. */
export interface VoteSpec {
  challenge: string;
  left: [model: string, attempt: number];
  right: [model: string, attempt: number];
  outcome: VoteOutcome;
  voterId?: string;
  counted?: boolean;
  /** The client network's keyed hash the battle and vote came from (votes.address_key). */
  addressKey?: string;
  /** Time from the later image's first view to the vote; 2 s unless given. */
  decisionMs?: number;
}

const CHUNK = 500;

/**
 * Writes votes straight into the database (a battle and a vote each), for tests that need
 * known tallies without voting through the API. Online Elo is not touched.
 */
export async function insertVotes(db: Database, specs: readonly VoteSpec[]): Promise<void> {
  if (specs.length === 0) return;
  const slugs = [...new Set(specs.map((spec) => spec.challenge))];
  const rows = await db
    .select({
      challengeId: challenges.id,
      slug: challenges.slug,
      arena: challenges.arena,
      categoryId: challenges.categoryId,
      generationId: generations.id,
      attempt: generations.attempt,
      modelId: models.id,
      model: models.slug,
    })
    .from(generations)
    .innerJoin(challenges, eq(challenges.id, generations.challengeId))
    .innerJoin(models, eq(models.id, generations.modelId))
    .where(inArray(challenges.slug, slugs));
  const find = (challenge: string, [model, attempt]: [string, number]) => {
    const row = rows.find(
      (r) => r.slug === challenge && r.model === model && r.attempt === attempt,
    );
    if (!row) throw new Error(`no attempt ${attempt} of ${model} in ${challenge}`);
    return row;
  };
  const [voter] = await db.insert(voters).values({}).returning({ id: voters.id });
  const now = Date.now();
  for (let start = 0; start < specs.length; start += CHUNK) {
    const chunk = specs.slice(start, start + CHUNK).map((spec, i) => ({
      spec,
      left: find(spec.challenge, spec.left),
      right: find(spec.challenge, spec.right),
      at: new Date(now + start + i),
    }));
    const issued = await db
      .insert(battles)
      .values(
        chunk.map(({ spec, left, right, at }) => ({
          arena: left.arena,
          challengeId: left.challengeId,
          categoryId: left.categoryId,
          leftGenerationId: left.generationId,
          rightGenerationId: right.generationId,
          leftImageToken: opaqueId(),
          rightImageToken: opaqueId(),
          voterId: spec.voterId ?? voter!.id,
          addressKey: spec.addressKey ?? null,
          issuedAt: at,
          expiresAt: new Date(at.getTime() + 3_600_000),
          votedAt: at,
        })),
      )
      .returning({ id: battles.id });
    await db.insert(votes).values(
      chunk.map(({ spec, left, right, at }, i) => ({
        battleId: issued[i]!.id,
        voterId: spec.voterId ?? voter!.id,
        arena: left.arena,
        challengeId: left.challengeId,
        categoryId: left.categoryId,
        leftModelId: left.modelId,
        rightModelId: right.modelId,
        leftGenerationId: left.generationId,
        rightGenerationId: right.generationId,
        outcome: spec.outcome,
        decisionMs: spec.decisionMs ?? 2_000,
        counted: spec.counted ?? true,
        addressKey: spec.addressKey ?? null,
        createdAt: at,
      })),
    );
  }
}
