import { describe, expect, it } from 'vitest';
import { misspell, qualityKnobs } from '../src/quality';
import { createRand, mulberry32 } from '../src/random';

describe('qualityKnobs', () => {
  it('makes lower quality sloppier, plainer and noisier', () => {
    const at = (q: number) =>
      qualityKnobs(
        q,
        createRand(() => 0.5),
      );
    const low = at(0.1);
    const high = at(0.9);
    expect(low.sloppiness).toBeGreaterThan(high.sloppiness);
    expect(low.detail).toBeLessThan(high.detail);
    expect(low.noise).toBeGreaterThan(high.noise);
    expect(low.misspell).toBeGreaterThan(0);
    expect(high.misspell).toBe(0);
    expect([high.smooth, high.softShadows, high.texture]).toEqual([true, true, true]);
    expect([low.smooth, low.softShadows, low.texture]).toEqual([false, false, false]);
    expect(low.renderScale).toBeLessThan(1);
    expect(high.renderScale).toBe(1);
  });
});

describe('misspell', () => {
  it('leaves text alone at rate 0 and garbles it at high rates', () => {
    const rand = createRand(mulberry32(1));
    expect(misspell('Caffè Florian', 0, rand)).toBe('Caffè Florian');
    const garbled = Array.from({ length: 20 }, () => misspell('Caffè Florian', 0.9, rand));
    expect(garbled.filter((text) => text !== 'Caffè Florian').length).toBeGreaterThan(10);
  });
});
