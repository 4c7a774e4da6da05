import { findChallengeIdBySlug, launchChallenge } from '@arena/services';
import { UsageError } from '../usage-error';
import { withRuntime } from '../with-runtime';

/**
 * Launches a draft challenge. With Redis the worker picks the jobs up at once; in embedded
 * mode the server's reconciler runs them when it next starts.
 */
export async function challengeCommand(args: string[]): Promise<void> {
  const [verb, slug] = args;
  if (verb !== 'launch' || !slug) throw new UsageError('usage: pnpm arena challenge launch SLUG');
  const result = await withRuntime(async (runtime) =>
    launchChallenge(runtime.ctx, { challengeId: await findChallengeIdBySlug(runtime.ctx, slug) }),
  );
  console.log(JSON.stringify(result));
}
