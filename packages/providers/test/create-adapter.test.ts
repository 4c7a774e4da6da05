import { describe, expect, it } from 'vitest';
import {
  createAdapter,
  FAL_DEFAULT_BASE_URL,
  GEMINI_DEFAULT_BASE_URL,
  OPENAI_DEFAULT_BASE_URL,
  REPLICATE_DEFAULT_BASE_URL,
  type ProviderAdapter,
  type ProviderConnection,
  type SafeFetchRequest,
} from '../src';
import { request } from './fake-harness';

const DEFAULT_BASE_URLS: [kind: Exclude<ProviderConnection['kind'], 'demo'>, baseUrl: string][] = [
  ['openai-compatible', OPENAI_DEFAULT_BASE_URL],
  ['gemini', GEMINI_DEFAULT_BASE_URL],
  ['fal', FAL_DEFAULT_BASE_URL],
  ['replicate', REPLICATE_DEFAULT_BASE_URL],
];

describe('createAdapter', () => {
  it.each(['openai-compatible', 'gemini', 'fal', 'replicate'] as const)(
    'builds the %s adapter',
    (kind) => {
      expect(createAdapter({ kind, baseUrl: 'http://127.0.0.1:1', apiKey: 'k' }).kind).toBe(kind);
    },
  );

  it.each(DEFAULT_BASE_URLS)(
    'sends %s requests to %s when no base URL is configured',
    async (kind, baseUrl) => {
      // The exchange is recorded and refused here, so nothing leaves the machine. The signal
      // is aborted too: were `fetch` bypassed, safeFetch would give up before connecting.
      const sent: string[] = [];
      const refused = new Error('no network in this test');
      const fetch = (exchange: SafeFetchRequest) => {
        sent.push(String(exchange.url));
        return Promise.reject(refused);
      };
      const adapter = createAdapter({ kind, apiKey: 'k' }, { fetch });
      // An owner/name model id, which Replicate requires.
      const generating = adapter.generate(
        request({ providerModelId: 'acme/test-model', signal: AbortSignal.abort() }),
      );
      await expect(generating).rejects.toBe(refused);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.startsWith(`${baseUrl}/`), `sent to ${sent[0]}`).toBe(true);
    },
  );

  it('returns the demo adapter it is given, and refuses demo without one', () => {
    const demo: ProviderAdapter = {
      kind: 'demo',
      generate: () => Promise.reject(new Error('unused')),
    };
    expect(createAdapter({ kind: 'demo' }, { demo })).toBe(demo);
    expect(() => createAdapter({ kind: 'demo' })).toThrow(/options\.demo/);
  });
});
