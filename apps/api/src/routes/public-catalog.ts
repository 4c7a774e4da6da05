import { getLeaderboard, listCategories, listChallenges, listModels } from '@arena/services';
import type { AppDeps, Handlers } from '../env';

/** Read-only views for everyone: leaderboards, categories, models and challenges. */
export function publicCatalogHandlers({
  ctx,
}: AppDeps): Handlers<'leaderboard' | 'categories' | 'models' | 'challenges'> {
  return {
    leaderboard: async (c) => {
      const { arena } = c.req.valid('param');
      const { category } = c.req.valid('query');
      return c.json(await getLeaderboard(ctx, { arena, category }), 200);
    },
    categories: async (c) =>
      c.json({ categories: await listCategories(ctx, { arena: c.req.valid('query').arena }) }, 200),
    models: async (c) => c.json({ models: await listModels(ctx) }, 200),
    challenges: async (c) =>
      c.json({ challenges: await listChallenges(ctx, c.req.valid('query')) }, 200),
  };
}
