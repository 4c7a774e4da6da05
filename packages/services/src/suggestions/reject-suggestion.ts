import type { Suggestion } from '@arena/contract';
import { challengeSuggestions } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { recordAudit } from '../operators/record-audit';
import { lockPendingSuggestion } from './decide-suggestion';
import { findSuggestion } from './suggestion-view';

/** Rejects a pending suggestion; the reason, if any, goes to the audit log. */
export async function rejectSuggestion(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { suggestionId: string; operatorId: string | null; reason?: string },
): Promise<Suggestion> {
  const { suggestionId, operatorId, reason } = input;
  await ctx.db.transaction(async (tx) => {
    await lockPendingSuggestion(tx, suggestionId);
    const decidedAt = ctx.now();
    await tx
      .update(challengeSuggestions)
      .set({ status: 'rejected', decidedBy: operatorId, decidedAt })
      .where(eq(challengeSuggestions.id, suggestionId));
    await recordAudit(
      { db: tx },
      {
        operatorId,
        action: 'suggestion.reject',
        subjectType: 'suggestion',
        subjectId: suggestionId,
        before: { status: 'pending' },
        after: { status: 'rejected', decidedAt, reason: reason ?? null },
      },
    );
  });
  return (await findSuggestion(ctx.db, suggestionId))!;
}
