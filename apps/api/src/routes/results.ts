import {
  getBestFor,
  getChallengeLeaderboard,
  getHeadToHead,
  getModelResults,
  getPositionBias,
  getRatingHistory,
} from '@arena/services';
import type { AppDeps, Handlers } from '../env';

/** Read-only result views: position bias, rating history, per-challenge and model results. */
export function resultHandlers({
  ctx,
}: AppDeps): Handlers<
  | 'positionBias'
  | 'ratingHistory'
  | 'modelResults'
  | 'headToHead'
  | 'bestFor'
  | 'challengeLeaderboard'
> {
  return {
    positionBias: async (c) =>
      c.json(await getPositionBias(ctx, { ...c.req.valid('param'), ...c.req.valid('query') }), 200),
    ratingHistory: async (c) =>
      c.json(
        await getRatingHistory(ctx, { ...c.req.valid('param'), ...c.req.valid('query') }),
        200,
      ),
    modelResults: async (c) => c.json(await getModelResults(ctx, c.req.valid('param')), 200),
    headToHead: async (c) =>
      c.json(await getHeadToHead(ctx, { ...c.req.valid('param'), ...c.req.valid('query') }), 200),
    bestFor: async (c) => c.json(await getBestFor(ctx, c.req.valid('param')), 200),
    challengeLeaderboard: async (c) =>
      c.json(await getChallengeLeaderboard(ctx, c.req.valid('param')), 200),
  };
}
