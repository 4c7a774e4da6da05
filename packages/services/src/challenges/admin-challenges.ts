import type { AdminChallenge } from '@arena/contract';
import type { Arena, ChallengeStatus } from '@arena/core';
import { categories, challenges, generations } from '@arena/db';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { adminImageUrl } from '../images/admin-image';

const count = (condition: SQL) =>
  sql<number>`count(${generations.id}) filter (where ${condition})`.mapWith(Number);
const isStatus = (status: string) => sql`${generations.status} = ${status}`;

/** Challenges with their generation counts, newest first; `where` narrows them. */
export async function loadAdminChallenges(
  ctx: Pick<ServiceContext, 'db'>,
  where?: SQL,
): Promise<AdminChallenge[]> {
  const rows = await ctx.db
    .select({
      challenge: challenges,
      category: { id: categories.id, slug: categories.slug, name: categories.name },
      total: sql<number>`count(${generations.id})`.mapWith(Number),
      pending: count(isStatus('pending')),
      running: count(isStatus('running')),
      succeeded: count(isStatus('succeeded')),
      failed: count(isStatus('failed')),
      disqualified: count(sql`${generations.disqualifiedAt} is not null`),
    })
    .from(challenges)
    .innerJoin(categories, eq(categories.id, challenges.categoryId))
    .leftJoin(generations, eq(generations.challengeId, challenges.id))
    .where(where)
    .groupBy(challenges.id, categories.id)
    .orderBy(desc(challenges.createdAt), desc(challenges.id));
  return rows.map(({ challenge, category, ...counts }) => ({
    id: challenge.id,
    slug: challenge.slug,
    title: challenge.title,
    arena: challenge.arena,
    category,
    prompt: challenge.prompt,
    status: challenge.status,
    aspectRatio: challenge.aspectRatio,
    resolution: challenge.resolution,
    sourceImageUrl: challenge.sourceImageId ? adminImageUrl(challenge.sourceImageId) : null,
    generations: counts,
    createdAt: challenge.createdAt.toISOString(),
    launchedAt: challenge.launchedAt?.toISOString() ?? null,
    openedAt: challenge.openedAt?.toISOString() ?? null,
    closedAt: challenge.closedAt?.toISOString() ?? null,
  }));
}

/** Every challenge for the console, drafts included, of one status and arena if asked. */
export async function listAdminChallenges(
  ctx: Pick<ServiceContext, 'db'>,
  input: { status?: ChallengeStatus; arena?: Arena } = {},
): Promise<AdminChallenge[]> {
  const conditions: SQL[] = [];
  if (input.status) conditions.push(eq(challenges.status, input.status));
  if (input.arena) conditions.push(eq(challenges.arena, input.arena));
  return loadAdminChallenges(ctx, conditions.length > 0 ? and(...conditions) : undefined);
}
