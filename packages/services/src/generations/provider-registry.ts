import type { ProviderKind } from '@arena/core';
import type { providers } from '@arena/db';
import type { ProviderAdapter, ProviderConnection } from '@arena/providers';

export type ProviderRow = typeof providers.$inferSelect;

export type AdapterFactory = (connection: ProviderConnection) => ProviderAdapter;

export type AdapterLookup = { adapter: ProviderAdapter } | { unavailable: string };

/**
 * Turns a provider row into a ready adapter, reading its key from the environment by the name
 * the row stores. Adapters are cached per provider so connection pools are reused.
 */
export interface ProviderRegistry {
  lookup(provider: ProviderRow): AdapterLookup;
}

export function createProviderRegistry(options: {
  factories: Partial<Record<ProviderKind, AdapterFactory>>;
  env?: Record<string, string | undefined>;
}): ProviderRegistry {
  const env = options.env ?? process.env;
  const cache = new Map<string, { signature: string; adapter: ProviderAdapter }>();
  return {
    lookup(provider) {
      if (!provider.enabled) return { unavailable: 'provider disabled' };
      const factory = options.factories[provider.kind];
      if (!factory) return { unavailable: `no adapter for kind ${provider.kind}` };
      let apiKey: string | undefined;
      if (provider.apiKeyEnv) {
        apiKey = env[provider.apiKeyEnv];
        if (!apiKey) return { unavailable: `${provider.apiKeyEnv} is not set` };
      }
      // The key itself is not part of the signature kept in memory longer than needed.
      const signature = `${provider.kind}|${provider.baseUrl ?? ''}|${provider.apiKeyEnv ?? ''}|${apiKey?.length ?? 0}`;
      const cached = cache.get(provider.id);
      if (cached && cached.signature === signature) return { adapter: cached.adapter };
      const adapter = factory({ kind: provider.kind, baseUrl: provider.baseUrl, apiKey });
      cache.set(provider.id, { signature, adapter });
      return { adapter };
    },
  };
}
