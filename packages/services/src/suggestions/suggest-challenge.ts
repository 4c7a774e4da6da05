import type { CreatedSuggestion, SuggestionRequest } from '@arena/contract';
import { BANNED_FLAG, notFound } from '@arena/core';
import { categories, challengeSuggestions, voters } from '@arena/db';
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { voterBanned } from '../voters/voter-banned';

/**
 * A voter suggests a challenge from the site: a prompt for an arena, and a category if they
 * have one in mind. It waits, pending, for an operator to accept it (as a draft) or reject it.
 * The request limits (per voter and per address) are the API's; a banned voter is refused.
 */
export async function suggestChallenge(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { voterId: string; addressKey: string | null; request: SuggestionRequest },
): Promise<CreatedSuggestion> {
  const { voterId, addressKey, request } = input;
  const [[voter], [category]] = await Promise.all([
    ctx.db.select({ flags: voters.flags }).from(voters).where(eq(voters.id, voterId)),
    request.category === undefined
      ? Promise.resolve([])
      : ctx.db
          .select({ id: categories.id })
          .from(categories)
          .where(and(eq(categories.slug, request.category), eq(categories.arena, request.arena))),
  ]);
  if (voter?.flags.includes(BANNED_FLAG)) throw voterBanned();
  if (request.category !== undefined && !category) {
    throw notFound('category_not_found', `no category "${request.category}" in ${request.arena}`);
  }
  const [row] = await ctx.db
    .insert(challengeSuggestions)
    .values({
      arena: request.arena,
      categoryId: category?.id ?? null,
      prompt: request.prompt,
      // A voter row lost to a database restore (the cookie outlives it) is not recreated here.
      voterId: voter ? voterId : null,
      addressKey,
      createdAt: ctx.now(),
    })
    .returning({ id: challengeSuggestions.id, createdAt: challengeSuggestions.createdAt });
  return { id: row!.id, status: 'pending', createdAt: row!.createdAt.toISOString() };
}
