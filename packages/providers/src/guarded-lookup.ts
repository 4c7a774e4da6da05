import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isAddressAllowed, UnsafeUrlError, type UrlPolicy } from './url-policy';

/**
 * A `lookup` for the socket itself: the address checked is the one connected to, so a name
 * that resolves to a public address for a pre-check and to 169.254.169.254 a moment later
 * (DNS rebinding) still cannot get through. Any forbidden answer refuses the whole name.
 */
export function guardedLookup(policy: UrlPolicy): LookupFunction {
  const resolve = policy.lookup ?? (dnsLookup as unknown as LookupFunction);
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, result, family) => {
      if (error) return callback(error, '');
      const addresses: LookupAddress[] = Array.isArray(result)
        ? result
        : [{ address: result, family: family ?? 4 }];
      const refused = addresses.find((a) => !isAddressAllowed(a.address, policy));
      if (refused || addresses.length === 0) {
        const reason = refused ? 'resolves to a forbidden address' : 'resolves to nothing';
        return callback(new UnsafeUrlError(`refused host ${hostname}: ${reason}`), '');
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      return callback(null, first.address, first.family);
    });
  };
}
