import type { ChallengeSummary } from '@arena/contract';
import type { Arena, ChallengeStatus } from '@arena/core';
import { categories, challenges, generations } from '@arena/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';

const countWhere = (status: string) =>
  sql<number>`count(${generations.id}) filter (where ${generations.status} = ${status})`.mapWith(
    Number,
  );

/** Challenges with their generation progress; drafts are for operators and left out. */
export async function listChallenges(
  ctx: Pick<ServiceContext, 'db'>,
  input: { arena?: Arena; status?: ChallengeStatus },
): Promise<ChallengeSummary[]> {
  const conditions = [sql`${challenges.status} <> 'draft'`];
  if (input.arena) conditions.push(eq(challenges.arena, input.arena));
  if (input.status) conditions.push(eq(challenges.status, input.status));
  const rows = await ctx.db
    .select({
      challenge: challenges,
      category: { id: categories.id, slug: categories.slug, name: categories.name },
      total: sql<number>`count(${generations.id})`.mapWith(Number),
      succeeded: countWhere('succeeded'),
      failed: countWhere('failed'),
    })
    .from(challenges)
    .innerJoin(categories, eq(categories.id, challenges.categoryId))
    .leftJoin(generations, eq(generations.challengeId, challenges.id))
    .where(and(...conditions))
    .groupBy(challenges.id, categories.id)
    .orderBy(asc(challenges.arena), asc(challenges.title));
  return rows.map(({ challenge, category, total, succeeded, failed }) => ({
    id: challenge.id,
    slug: challenge.slug,
    title: challenge.title,
    arena: challenge.arena,
    category,
    prompt: challenge.prompt,
    status: challenge.status,
    size: `${challenge.aspectRatio} ${challenge.resolution}`,
    generations: { total, succeeded, failed, pending: total - succeeded - failed },
  }));
}
