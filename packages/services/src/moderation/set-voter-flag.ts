import type { ModeratedVoter } from '@arena/contract';
import { BANNED_FLAG, FLAGGED_FLAG, notFound, type VoterFlag } from '@arena/core';
import { voters } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { requestLeaderboardRecompute } from '../leaderboards/request-recompute';
import { recordAudit } from '../operators/record-audit';

type Ctx = Pick<ServiceContext, 'db' | 'queue' | 'logger'>;

const ACTIONS: Record<VoterFlag, { on: string; off: string }> = {
  flagged: { on: 'voter.flag', off: 'voter.unflag' },
  blocked: { on: 'voter.ban', off: 'voter.unban' },
};

export const moderatedVoter = (id: string, flags: readonly string[]): ModeratedVoter => ({
  id,
  flags: [...flags],
  flagged: flags.includes(FLAGGED_FLAG),
  banned: flags.includes(BANNED_FLAG),
});

/**
 * Sets or clears one of a voter's flags. `flagged` only marks the voter for a closer look.
 * `blocked` bans: the battle and vote statements refuse the voter (403 `voter_banned`), and
 * their votes leave every board and the open data (voters/exclusion.ts), so a ban or its lifting
 * requests a recompute at once. Setting a flag that is set (or clearing one that is not)
 * changes nothing and is not audited.
 */
export async function setVoterFlag(
  ctx: Ctx,
  input: { voterId: string; flag: VoterFlag; on: boolean; operatorId: string | null },
): Promise<ModeratedVoter> {
  const { voterId, flag, on, operatorId } = input;
  const { flags, changed } = await ctx.db.transaction(async (tx) => {
    const [voter] = await tx
      .select({ flags: voters.flags })
      .from(voters)
      .where(eq(voters.id, voterId))
      .for('update');
    if (!voter) throw notFound('voter_not_found', 'no such voter');
    const before = voter.flags;
    if (before.includes(flag) === on) return { flags: before, changed: false };
    const after = on ? [...before, flag] : before.filter((f) => f !== flag);
    await tx.update(voters).set({ flags: after }).where(eq(voters.id, voterId));
    await recordAudit(
      { db: tx },
      {
        operatorId,
        action: on ? ACTIONS[flag].on : ACTIONS[flag].off,
        subjectType: 'voter',
        subjectId: voterId,
        before: { flags: before },
        after: { flags: after },
      },
    );
    return { flags: after, changed: true };
  });
  if (changed) {
    ctx.logger.info({ voterId, flag, on }, 'voter flag changed');
    if (flag === BANNED_FLAG) await requestLeaderboardRecompute(ctx, { delayMs: 0 });
  }
  return moderatedVoter(voterId, flags);
}
