import type { ClosedChallenge } from '@arena/contract';
import { conflict, notFound } from '@arena/core';
import { challenges } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { publishChallengeResults } from '../leaderboards/publish-challenge-results';
import { recordAudit } from '../operators/record-audit';

/**
 * Closes a challenge that is open for voting: it leaves matchmaking, takes no more votes, and
 * its results (rank per model, best attempts, gallery, head-to-head) become public, computed
 * here from all its votes before this returns. Closing a closed challenge again changes
 * nothing but publishes its results if that had not happened (the first call failed midway).
 */
export async function closeChallenge(
  ctx: Pick<ServiceContext, 'db' | 'config' | 'logger' | 'now'>,
  input: { challengeId: string; operatorId: string | null },
): Promise<ClosedChallenge> {
  const result = await ctx.db.transaction(async (tx) => {
    const [challenge] = await tx
      .select()
      .from(challenges)
      .where(eq(challenges.id, input.challengeId))
      .for('update');
    if (!challenge) throw notFound('challenge_not_found', 'no such challenge');
    if (challenge.status === 'closed') return { challenge, closedAt: challenge.closedAt! };
    if (challenge.status !== 'voting') {
      throw conflict(
        'challenge_not_voting',
        `only a challenge open for voting can be closed; this one is ${challenge.status}`,
      );
    }
    const closedAt = ctx.now();
    await tx
      .update(challenges)
      .set({ status: 'closed', closedAt, updatedAt: closedAt })
      .where(eq(challenges.id, challenge.id));
    await recordAudit(
      { db: tx },
      {
        operatorId: input.operatorId,
        action: 'challenge.close',
        subjectType: 'challenge',
        subjectId: challenge.id,
        before: { slug: challenge.slug, status: challenge.status, closedAt: null },
        after: { slug: challenge.slug, status: 'closed', closedAt },
      },
    );
    return { challenge, closedAt };
  });
  await publishChallengeResults(ctx, { challengeIds: [result.challenge.id] });
  ctx.logger.info({ challengeId: input.challengeId }, 'challenge closed');
  return {
    challengeId: result.challenge.id,
    slug: result.challenge.slug,
    status: 'closed',
    closedAt: result.closedAt.toISOString(),
  };
}
