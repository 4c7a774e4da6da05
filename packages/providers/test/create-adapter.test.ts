import { describe, expect, it } from 'vitest';
import { createAdapter, type ProviderAdapter } from '../src';

describe('createAdapter', () => {
  it.each(['openai-compatible', 'gemini', 'fal', 'replicate'] as const)(
    'builds the %s adapter',
    (kind) => {
      expect(createAdapter({ kind, baseUrl: 'http://127.0.0.1:1', apiKey: 'k' }).kind).toBe(kind);
    },
  );

  it('uses each API default base URL when none is configured', () => {
    expect(createAdapter({ kind: 'fal', apiKey: 'k' }).kind).toBe('fal');
  });

  it('returns the demo adapter it is given, and refuses demo without one', () => {
    const demo: ProviderAdapter = {
      kind: 'demo',
      generate: () => Promise.reject(new Error('unused')),
    };
    expect(createAdapter({ kind: 'demo' }, { demo })).toBe(demo);
    expect(() => createAdapter({ kind: 'demo' })).toThrow(/options\.demo/);
  });
});
