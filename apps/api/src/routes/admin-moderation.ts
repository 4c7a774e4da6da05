import { BANNED_FLAG, FLAGGED_FLAG, type VoterFlag } from '@arena/core';
import {
  listModerationVoters,
  setGenerationHidden,
  setVoterFlag,
  voidVote,
  voidVoterVotes,
  voterReport,
} from '@arena/services';
import type { AppDeps, Handlers } from '../env';

type ModerationRoute =
  | 'hideGeneration'
  | 'unhideGeneration'
  | 'voidVote'
  | 'voidVoterVotes'
  | 'flagVoter'
  | 'unflagVoter'
  | 'banVoter'
  | 'unbanVoter'
  | 'listModerationVoters'
  | 'voterReport';

/** Moderation endpoints (moderators and admins); operator auth runs first. */
export function adminModerationHandlers({ ctx }: AppDeps): Handlers<ModerationRoute> {
  const hidden = (hide: boolean) => (generationId: string, operatorId: string) =>
    setGenerationHidden(ctx, { generationId, hidden: hide, operatorId });
  const flag = (name: VoterFlag, on: boolean) => (voterId: string, operatorId: string) =>
    setVoterFlag(ctx, { voterId, flag: name, on, operatorId });
  const [hide, unhide] = [hidden(true), hidden(false)];
  const [flagOn, flagOff] = [flag(FLAGGED_FLAG, true), flag(FLAGGED_FLAG, false)];
  const [ban, unban] = [flag(BANNED_FLAG, true), flag(BANNED_FLAG, false)];
  return {
    hideGeneration: async (c) =>
      c.json(await hide(c.req.valid('param').id, c.get('operatorId')), 200),
    unhideGeneration: async (c) =>
      c.json(await unhide(c.req.valid('param').id, c.get('operatorId')), 200),
    voidVote: async (c) =>
      c.json(
        await voidVote(ctx, {
          voteId: c.req.valid('param').id,
          reason: c.req.valid('json').reason,
          operatorId: c.get('operatorId'),
        }),
        200,
      ),
    voidVoterVotes: async (c) =>
      c.json(
        await voidVoterVotes(ctx, {
          voterId: c.req.valid('param').id,
          reason: c.req.valid('json').reason,
          operatorId: c.get('operatorId'),
        }),
        200,
      ),
    flagVoter: async (c) => c.json(await flagOn(c.req.valid('param').id, c.get('operatorId')), 200),
    unflagVoter: async (c) =>
      c.json(await flagOff(c.req.valid('param').id, c.get('operatorId')), 200),
    banVoter: async (c) => c.json(await ban(c.req.valid('param').id, c.get('operatorId')), 200),
    unbanVoter: async (c) => c.json(await unban(c.req.valid('param').id, c.get('operatorId')), 200),
    listModerationVoters: async (c) => {
      const { flag, suspected, limit } = c.req.valid('query');
      const filter = {
        flag,
        limit,
        suspected: suspected === undefined ? undefined : suspected === 'true',
      };
      return c.json({ voters: await listModerationVoters(ctx, filter) }, 200);
    },
    voterReport: async (c) =>
      c.json(await voterReport(ctx, { voterId: c.req.valid('param').id }), 200),
  };
}
