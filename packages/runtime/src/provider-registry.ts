import { createHash } from 'node:crypto';
import { createDemoAdapter, type DemoProfile } from '@arena/demo-provider';
import { createAdapter, type CreateAdapterOptions, type ProviderAdapter } from '@arena/providers';
import type { ProviderRegistry, ProviderRow } from '@arena/services';

export interface ProviderRegistryOptions {
  demo: { profile: DemoProfile; latencyScale: number };
  /** Shared adapter settings (byte caps, poll intervals; tests loosen the image URL policy). */
  adapterOptions?: Omit<CreateAdapterOptions, 'demo'>;
  /** Replaces the adapter for a kind (tests). */
  overrides?: Partial<Record<ProviderRow['kind'], (row: ProviderRow) => ProviderAdapter>>;
  env?: Record<string, string | undefined>;
}

/**
 * The registry of this process: a provider row becomes an adapter whose key is read from the
 * environment by the name the row stores (the key never leaves this process's memory).
 * Adapters are cached per provider and rebuilt when the row's connection settings change.
 */
export function createProviderRegistry(options: ProviderRegistryOptions): ProviderRegistry {
  const env = options.env ?? process.env;
  const demo = createDemoAdapter(options.demo);
  const cache = new Map<string, { signature: string; adapter: ProviderAdapter }>();
  return {
    lookup(provider) {
      if (!provider.enabled) return { unavailable: 'provider disabled' };
      let apiKey: string | undefined;
      if (provider.apiKeyEnv) {
        apiKey = env[provider.apiKeyEnv];
        if (!apiKey) return { unavailable: `${provider.apiKeyEnv} is not set` };
      }
      // A key rotation rebuilds the adapter; only a hash of the key is kept for comparing.
      const keyHash = apiKey ? createHash('sha256').update(apiKey).digest('hex') : '';
      const signature = [provider.kind, provider.baseUrl ?? '', keyHash].join('|');
      const cached = cache.get(provider.id);
      if (cached && cached.signature === signature) return { adapter: cached.adapter };
      const override = options.overrides?.[provider.kind];
      const adapter = override
        ? override(provider)
        : createAdapter(
            { kind: provider.kind, baseUrl: provider.baseUrl, apiKey },
            { ...options.adapterOptions, demo },
          );
      cache.set(provider.id, { signature, adapter });
      return { adapter };
    },
  };
}
