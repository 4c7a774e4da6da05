import { EXPORT_CONTENT_TYPES, exportSalt, exportVotes } from '@arena/services';
import { stream } from 'hono/streaming';
import type { AppDeps, Handlers } from '../env';

export function openDataHandlers({ ctx, sessionSecret }: AppDeps): Handlers<'exportVotes'> {
  const salt = exportSalt(ctx, { sessionSecret });
  return {
    exportVotes: (c) => {
      const { format } = c.req.valid('query');
      c.header('Content-Type', EXPORT_CONTENT_TYPES[format]);
      c.header('Content-Disposition', `attachment; filename="arena-votes.${format}"`);
      // A full read of the votes: let caches in front of the API absorb repeated downloads.
      c.header('Cache-Control', 'public, max-age=300');
      return stream(c, async (out) => {
        for await (const chunk of exportVotes(ctx, { format, salt })) await out.write(chunk);
      });
    },
  };
}
