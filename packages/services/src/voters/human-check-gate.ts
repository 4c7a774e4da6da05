import type { HumanCheckChallenge } from '@arena/contract';
import { forbidden } from '@arena/core';
import { voters, votes } from '@arena/db';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/** A check is pending while the last requirement is newer than the last pass (or none passed). */
export function humanCheckPending(voter: {
  humanCheckRequiredAt: Date | null;
  humanCheckedAt: Date | null;
}): boolean {
  const { humanCheckRequiredAt: required, humanCheckedAt: checked } = voter;
  return required !== null && (checked === null || checked < required);
}

/**
 * Whether a voter must pass the human check before this vote: one is pending (set when the
 * voter was created from a busy address, or by an earlier vote), or the voter has cast
 * `afterVotes` votes since its last pass, which sets the requirement now. Returns what the
 * browser needs to show the widget, or null when the vote may go on. Run inside the vote's
 * transaction: the voter row is locked, so one voter's concurrent votes cannot all slip under
 * the threshold at once.
 */
export async function humanCheckGate(
  ctx: Pick<ServiceContext, 'db' | 'config' | 'humanCheck'>,
  input: { voterId: string; now: Date },
): Promise<HumanCheckChallenge | null> {
  const verifier = ctx.humanCheck;
  if (!verifier) return null;
  const challenge = { provider: verifier.provider, siteKey: verifier.siteKey };
  const [voter] = await ctx.db
    .select({
      humanCheckRequiredAt: voters.humanCheckRequiredAt,
      humanCheckedAt: voters.humanCheckedAt,
    })
    .from(voters)
    .where(eq(voters.id, input.voterId))
    .for('update');
  if (!voter) return null;
  if (humanCheckPending(voter)) return challenge;
  const afterVotes = ctx.config.humanCheck?.afterVotes;
  if (!afterVotes) return null;
  const since = voter.humanCheckedAt;
  const [cast] = await ctx.db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(votes)
    .where(
      since
        ? and(eq(votes.voterId, input.voterId), gt(votes.createdAt, since))
        : eq(votes.voterId, input.voterId),
    );
  if ((cast?.n ?? 0) < afterVotes) return null;
  await ctx.db
    .update(voters)
    .set({ humanCheckRequiredAt: input.now })
    .where(eq(voters.id, input.voterId));
  return challenge;
}

export const humanCheckRequired = (challenge: HumanCheckChallenge) =>
  forbidden(
    'human_check_required',
    'please confirm you are human, then send your vote again',
    challenge,
  );
