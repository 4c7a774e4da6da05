import {
  disqualifyGeneration,
  listAdminChallenges,
  readAdminImage,
  readFanOut,
  retryGeneration,
} from '@arena/services';
import type { AppDeps, Handlers } from '../env';
import { streamFanOut } from './fan-out-events';

type ChallengeRoutes =
  | 'listAdminChallenges'
  | 'challengeGenerations'
  | 'challengeEvents'
  | 'retryGeneration'
  | 'disqualifyGeneration'
  | 'adminImage';

/** Challenges in the operator console: the list, each fan-out (also live), its attempts. */
export function adminChallengeHandlers({ ctx }: AppDeps): Handlers<ChallengeRoutes> {
  return {
    listAdminChallenges: async (c) =>
      c.json({ challenges: await listAdminChallenges(ctx, c.req.valid('query')) }, 200),
    challengeGenerations: async (c) =>
      c.json(await readFanOut(ctx, { challengeId: c.req.valid('param').id }), 200),
    challengeEvents: async (c) => streamFanOut(c, ctx, c.req.valid('param').id),
    retryGeneration: async (c) =>
      c.json(
        await retryGeneration(ctx, {
          operatorId: c.get('operatorId'),
          generationId: c.req.valid('param').id,
        }),
        202,
      ),
    disqualifyGeneration: async (c) =>
      c.json(
        await disqualifyGeneration(ctx, {
          operatorId: c.get('operatorId'),
          generationId: c.req.valid('param').id,
          disqualify: c.req.valid('json'),
        }),
        200,
      ),
    // Operators only, never cached by anything shared: the id may name an open answer.
    adminImage: async (c) => {
      const image = await readAdminImage(ctx, { imageId: c.req.valid('param').id });
      return c.body(image.bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': image.contentType,
        'Cache-Control': 'private, no-store',
      });
    },
  };
}
