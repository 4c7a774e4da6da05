import { randomBytes } from 'node:crypto';
import {
  FakeFalServer,
  FakeGeminiServer,
  FakeOpenAiServer,
  FakeReplicateServer,
  FakeScenario,
} from '@arena/fake-providers';
import type { Catalog } from '@arena/services';

/** The tests' opt-in to image URLs on the loopback fakes (production refuses them). */
export const LOOPBACK_ADAPTER_OPTIONS = {
  imageUrlPolicy: { requireHttps: false, allowedPrivateAddresses: ['127.0.0.1'] },
  extraImageHosts: ['127.0.0.1'],
  pollIntervalMs: 10,
  maxPollIntervalMs: 20,
};

export const FAKE_KEY_ENV = 'FAKE_PROVIDER_KEY';

export type FakeKind = 'openai' | 'gemini' | 'fal' | 'replicate';

const PROVIDER_KIND: Record<FakeKind, Catalog['providers'][number]['kind']> = {
  openai: 'openai-compatible',
  gemini: 'gemini',
  fal: 'fal',
  replicate: 'replicate',
};

/** Four loopback providers, each speaking its real API, all with one random key. */
export interface FakeFleet {
  key: string;
  servers: {
    openai: FakeOpenAiServer;
    gemini: FakeGeminiServer;
    fal: FakeFalServer;
    replicate: FakeReplicateServer;
  };
  close(): Promise<void>;
}

export async function startFakeFleet(seed = 1): Promise<FakeFleet> {
  const key = `fk-${randomBytes(18).toString('hex')}`;
  const options = (n: number) => ({
    apiKey: key,
    scenario: new FakeScenario({ seed: seed * 10 + n }),
  });
  const servers = {
    openai: await new FakeOpenAiServer(options(1)).start(),
    gemini: await new FakeGeminiServer(options(2)).start(),
    fal: await new FakeFalServer(options(3)).start(),
    replicate: await new FakeReplicateServer(options(4)).start(),
  };
  return {
    key,
    servers,
    async close() {
      await Promise.all(Object.values(servers).map((server) => server.close()));
    },
  };
}

/** The provider model id each API expects (fal and Replicate want owner/name). */
export function providerModelId(kind: FakeKind, model: string): string {
  return kind === 'fal' || kind === 'replicate' ? `arena-test/${model}` : model;
}

export interface FleetModel {
  slug: string;
  routes: Array<{ kind: FakeKind; priority?: number }>;
}

/** A catalog whose providers are the fleet's servers and whose models use them. */
export function fleetCatalog(
  fleet: FakeFleet,
  models: FleetModel[],
  options: {
    concurrency?: number;
    ratePerMinute?: number;
    challenges?: number;
    prices?: Partial<Record<'0.5K' | '1K', number>>;
    /** Also offer every model on the offline demo provider, at the top priority. */
    withDemo?: boolean;
  } = {},
): Catalog {
  const kinds = Object.keys(fleet.servers) as FakeKind[];
  const demo = { slug: 'demo', name: 'Demo', kind: 'demo' as const, enabled: true, concurrency: 8 };
  return {
    categories: [{ slug: 'photorealism', name: 'Photorealism', arena: 'text-to-image' }],
    providers: [
      ...(options.withDemo ? [demo] : []),
      ...kinds.map((kind) => ({
        slug: `fake-${kind}`,
        name: `Fake ${kind}`,
        kind: PROVIDER_KIND[kind],
        baseUrl: fleet.servers[kind].baseUrl,
        apiKeyEnv: FAKE_KEY_ENV,
        enabled: true,
        concurrency: options.concurrency ?? 8,
        ratePerMinute: options.ratePerMinute,
      })),
    ],
    models: models.map((model) => ({
      slug: model.slug,
      name: model.slug,
      creator: 'Test',
      arenas: ['text-to-image'],
      active: true,
      offerings: [
        ...(options.withDemo
          ? [
              {
                provider: 'demo',
                providerModelId: model.slug,
                prices: {},
                priority: 1,
                enabled: true,
              },
            ]
          : []),
        ...model.routes.map((route, i) => ({
          provider: `fake-${route.kind}`,
          providerModelId: providerModelId(route.kind, model.slug),
          prices: options.prices ?? { '0.5K': 0.02, '1K': 0.04 },
          priority: route.priority ?? (i + 1) * 10,
          enabled: true,
        })),
      ],
    })),
    challenges: Array.from({ length: options.challenges ?? 1 }, (_, i) => ({
      slug: `challenge-${i + 1}`,
      title: `Challenge ${i + 1}`,
      arena: 'text-to-image' as const,
      category: 'photorealism',
      prompt: `A candid street photo number ${i + 1} of a man repairing a red bicycle in light rain`,
      aspectRatio: '1:1' as const,
      resolution: '0.5K' as const,
    })),
  };
}
