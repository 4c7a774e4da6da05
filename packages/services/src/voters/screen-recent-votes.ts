import type { ServiceContext } from '../context';
import { screenNetworks } from './screen-networks';
import { screenVoters } from './screen-voters';

/**
 * The recompute's screening: the voters with new votes, then the networks they voted from,
 * with the configured budget and minimum. With screening off (`SCREENING=off`) nobody new is
 * flagged; voters flagged before stay excluded until cleared. Returns the voters flagged now.
 */
export async function screenRecentVotes(
  ctx: Pick<ServiceContext, 'db' | 'now' | 'logger' | 'config'>,
): Promise<string[]> {
  const settings = ctx.config.screening;
  if (settings && !settings.enabled) return [];
  const options = settings && { alpha: settings.alpha, minVotes: settings.minVotes };
  const voters = await screenVoters(ctx, { options });
  const networks = await screenNetworks(ctx, { voterIds: voters.candidates, options });
  return [...voters.flagged, ...networks.flagged];
}
