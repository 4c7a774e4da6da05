import { closeChallenge, findChallengeIdBySlug, launchChallenge } from '@arena/services';
import { UsageError } from '../usage-error';
import { withRuntime } from '../with-runtime';

/**
 * `challenge launch SLUG` launches a draft challenge. With Redis the worker picks the jobs up at
 * once; in embedded mode the server's reconciler runs them when it next starts.
 * `challenge close SLUG` closes one open for voting and publishes its results.
 */
export async function challengeCommand(args: string[]): Promise<void> {
  const [verb, slug] = args;
  if ((verb !== 'launch' && verb !== 'close') || !slug)
    throw new UsageError('usage: pnpm arena challenge launch|close SLUG');
  const result = await withRuntime(async (runtime) => {
    const challengeId = await findChallengeIdBySlug(runtime.ctx, { slug });
    return verb === 'launch'
      ? launchChallenge(runtime.ctx, { challengeId })
      : closeChallenge(runtime.ctx, { challengeId, operatorId: null });
  });
  console.log(JSON.stringify(result));
}
