import type { AcceptedSuggestion, AcceptSuggestionInput } from '@arena/contract';
import { invalid } from '@arena/core';
import { categories, challengeSuggestions } from '@arena/db';
import { eq } from 'drizzle-orm';
import { createChallenge } from '../challenges/create-challenge';
import type { ServiceContext } from '../context';
import { recordAudit } from '../operators/record-audit';
import { lockPendingSuggestion } from './decide-suggestion';
import { slugFromPrompt, titleFromPrompt } from './draft-fields';
import { findSuggestion } from './suggestion-view';

/**
 * Accepts a pending suggestion: a DRAFT challenge is created from it by the same operation as
 * any other (createChallenge, audited as such), with the suggested arena, category and prompt
 * unless the operator gives others, and the suggestion is linked to it. One transaction: a
 * refused draft (a taken slug, an unknown category) leaves the suggestion pending.
 */
export async function acceptSuggestion(
  ctx: Pick<ServiceContext, 'db' | 'store' | 'now' | 'logger'>,
  input: { suggestionId: string; operatorId: string | null; fields: AcceptSuggestionInput },
): Promise<AcceptedSuggestion> {
  const { suggestionId, operatorId, fields } = input;
  const challenge = await ctx.db.transaction(async (tx) => {
    const suggestion = await lockPendingSuggestion(tx, suggestionId);
    const [suggested] = suggestion.categoryId
      ? await tx
          .select({ slug: categories.slug })
          .from(categories)
          .where(eq(categories.id, suggestion.categoryId))
      : [];
    const category = fields.category ?? suggested?.slug;
    if (!category) {
      throw invalid('category_required', 'this suggestion names no category: choose one');
    }
    const prompt = fields.prompt ?? suggestion.prompt;
    const created = await createChallenge(
      { ...ctx, db: tx },
      {
        operatorId,
        challenge: {
          slug: fields.slug ?? slugFromPrompt(prompt),
          title: fields.title ?? titleFromPrompt(prompt),
          arena: suggestion.arena,
          category,
          prompt,
        },
      },
    );
    const decidedAt = ctx.now();
    await tx
      .update(challengeSuggestions)
      .set({ status: 'accepted', challengeId: created.id, decidedBy: operatorId, decidedAt })
      .where(eq(challengeSuggestions.id, suggestionId));
    await recordAudit(
      { db: tx },
      {
        operatorId,
        action: 'suggestion.accept',
        subjectType: 'suggestion',
        subjectId: suggestionId,
        before: { status: 'pending' },
        after: { status: 'accepted', challengeId: created.id, decidedAt },
      },
    );
    return created;
  });
  ctx.logger.info({ suggestionId, challengeId: challenge.id }, 'suggestion accepted');
  return { suggestion: (await findSuggestion(ctx.db, suggestionId))!, challenge };
}
