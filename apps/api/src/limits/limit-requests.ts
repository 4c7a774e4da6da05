import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { clientAddress, trustedProxies } from './client-address';
import type { LimitedAction, RequestLimits } from './request-limits';

/**
 * Counts the request against the limits of `action`: its voter's (when the session middleware
 * ran first) and its client address's. Only for the given method, so that a path's other
 * methods (none today) are not counted by accident.
 */
export function limitRequests(limits: RequestLimits, action: LimitedAction, method = 'POST') {
  const isTrusted = trustedProxies(limits.trustedProxies);
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method === method) {
      await limits.consume(action, {
        voter: c.get('voterId'),
        address: clientAddress(c, isTrusted),
      });
    }
    await next();
  });
}

/** The client address of a request, with the proxies the limits trust. */
export function addressOf(limits: RequestLimits) {
  const isTrusted = trustedProxies(limits.trustedProxies);
  return (c: Parameters<typeof clientAddress>[0]) => clientAddress(c, isTrusted);
}

/** The check a new anonymous voter must pass before it is created: its address's limit. */
export function limitNewVoters(limits: RequestLimits) {
  const address = addressOf(limits);
  return (c: Parameters<typeof clientAddress>[0]) =>
    limits.consume('newVoter', { address: address(c) });
}
