import {
  acceptSuggestion,
  listSuggestions,
  rejectSuggestion,
  suggestChallenge,
} from '@arena/services';
import type { AppDeps, Handlers } from '../env';

/**
 * Challenge suggestions: voters send them (the app binds the request to a voter session and
 * counts it against the suggestion limits first); operators accept or reject them.
 */
export function suggestionHandlers({
  ctx,
}: AppDeps): Handlers<
  'suggestChallenge' | 'listSuggestions' | 'acceptSuggestion' | 'rejectSuggestion'
> {
  return {
    suggestChallenge: async (c) => {
      const created = await suggestChallenge(ctx, {
        voterId: c.get('voterId'),
        addressKey: c.get('addressKey'),
        request: c.req.valid('json'),
      });
      c.header('Cache-Control', 'no-store');
      return c.json(created, 201);
    },
    listSuggestions: async (c) =>
      c.json({ suggestions: await listSuggestions(ctx, c.req.valid('query')) }, 200),
    acceptSuggestion: async (c) =>
      c.json(
        await acceptSuggestion(ctx, {
          suggestionId: c.req.valid('param').id,
          operatorId: c.get('operatorId'),
          fields: c.req.valid('json'),
        }),
        201,
      ),
    rejectSuggestion: async (c) =>
      c.json(
        await rejectSuggestion(ctx, {
          suggestionId: c.req.valid('param').id,
          operatorId: c.get('operatorId'),
          reason: c.req.valid('json').reason,
        }),
        200,
      ),
  };
}
