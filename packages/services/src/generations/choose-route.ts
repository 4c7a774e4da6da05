import type { ProviderLease } from '@arena/jobs';
import type { ProviderAdapter } from '@arena/providers';
import type { ServiceContext } from '../context';
import type { GenerationWork, Route } from './load-generation-work';
import { loadProviderHealth } from './provider-health';
import { rankRoutes } from './rank-routes';

export type RouteChoice =
  | { route: Route; adapter: ProviderAdapter; lease: ProviderLease; resumeRequestId?: string }
  | { unavailable: string }
  | { deferMs: number };

/**
 * Decides which provider serves this try. A request an earlier try started and never settled
 * (the worker died while polling, or the poll timed out) is resumed on its provider, so it is
 * paid for once. Otherwise providers are ranked by failures on this generation, health,
 * priority and speed, and the first with a free slot under its concurrency and rate limits
 * wins. When all are saturated, the caller defers the job.
 */
export async function chooseRoute(
  ctx: Pick<ServiceContext, 'db' | 'providers' | 'limiter' | 'now'>,
  input: { work: GenerationWork },
): Promise<RouteChoice> {
  const { work } = input;
  const usable: Array<{ route: Route; adapter: ProviderAdapter }> = [];
  const reasons: string[] = [];
  for (const route of work.routes) {
    const found = ctx.providers.lookup(route.provider);
    if ('adapter' in found) usable.push({ route, adapter: found.adapter });
    else reasons.push(`${route.provider.slug}: ${found.unavailable}`);
  }
  if (usable.length === 0) {
    return { unavailable: reasons.length ? reasons.join('; ') : 'no enabled offering' };
  }
  // The demo provider stands in for real ones only while none is usable (no key set): a
  // real model's answers are never mixed with demo pictures.
  if (usable.some((u) => u.route.provider.kind !== 'demo')) {
    for (let i = usable.length - 1; i >= 0; i--) {
      if (usable[i]!.route.provider.kind === 'demo') usable.splice(i, 1);
    }
  }

  const last = work.tries.at(-1);
  const resumable =
    last?.providerRequestId && !last.requestSettled && last.outcome !== 'succeeded'
      ? usable.find((u) => u.route.provider.id === last.providerId)
      : undefined;

  let candidates = resumable ? [resumable] : usable;
  if (!resumable) {
    const failures = new Map<string, number>();
    for (const t of work.tries) {
      if (t.outcome === 'failed') failures.set(t.providerId, (failures.get(t.providerId) ?? 0) + 1);
    }
    const health = await loadProviderHealth(ctx);
    const order = rankRoutes(
      usable.map((u) => ({
        providerId: u.route.provider.id,
        providerSlug: u.route.provider.slug,
        priority: u.route.offering.priority,
        item: u,
      })),
      health,
      failures,
    );
    candidates = order.map((o) => o.item);
  }

  let soonest = Infinity;
  for (const candidate of candidates) {
    const { provider } = candidate.route;
    const acquired = await ctx.limiter.tryAcquire(`provider:${provider.id}`, {
      concurrency: provider.concurrency,
      ratePerMinute: provider.ratePerMinute,
    });
    if ('lease' in acquired) {
      return {
        ...candidate,
        lease: acquired.lease,
        resumeRequestId: resumable ? (last!.providerRequestId ?? undefined) : undefined,
      };
    }
    soonest = Math.min(soonest, acquired.retryInMs);
  }
  // Jitter so the deferred jobs of a saturated provider do not all come back at once.
  return { deferMs: Math.round(soonest * (1 + Math.random() * 0.5)) };
}
