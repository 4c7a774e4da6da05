import { issueBattle, markBattleShown, recordVote, undoVote } from '@arena/services';
import type { AppDeps, Handlers } from '../env';

/** Battles and votes; the app binds these requests to a voter session first. */
export function battleHandlers({
  ctx,
  metrics,
}: AppDeps): Handlers<'createBattle' | 'vote' | 'undoVote' | 'markBattleShown'> {
  return {
    createBattle: async (c) => {
      const body = c.req.valid('json');
      const battle = await issueBattle(ctx, {
        voterId: c.get('voterId'),
        arena: body.arena,
        category: body.category,
        addressKey: c.get('addressKey'),
      });
      metrics?.battlesIssued.inc({ arena: body.arena });
      c.header('Cache-Control', 'no-store');
      return c.json(battle, 201);
    },
    vote: async (c) => {
      const result = await recordVote(ctx, {
        battleId: c.req.valid('param').id,
        voterId: c.get('voterId'),
        outcome: c.req.valid('json').outcome,
        addressKey: c.get('addressKey'),
      });
      metrics?.votes.inc({ counted: String(result.counted) });
      c.header('Cache-Control', 'no-store');
      return c.json(result, 200);
    },
    undoVote: async (c) => {
      const result = await undoVote(ctx, {
        battleId: c.req.valid('param').id,
        voterId: c.get('voterId'),
      });
      c.header('Cache-Control', 'no-store');
      return c.json(result, 200);
    },
    markBattleShown: async (c) => {
      const shown = await markBattleShown(ctx, {
        battleId: c.req.valid('param').id,
        voterId: c.get('voterId'),
      });
      c.header('Cache-Control', 'no-store');
      return c.json(shown, 200);
    },
  };
}
