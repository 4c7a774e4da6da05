import { describe, expect, it } from 'vitest';
import { ASPECT_RATIOS, pixelSize, RESOLUTION_TIERS } from '@arena/core';
import { defaultSizeSupport, mapSize, tierOf, type SizeSupport } from '../src';

const gptImage: SizeSupport = {
  kind: 'sizes',
  sizes: [
    { width: 1024, height: 1024 },
    { width: 1536, height: 1024 },
    { width: 1024, height: 1536 },
  ],
};

describe('mapSize: aspect ratios and tiers', () => {
  const gemini = defaultSizeSupport('gemini', 'gemini-3-pro-image-preview');

  it('keeps a supported ratio and tier exactly', () => {
    const mapping = mapSize({ aspectRatio: '16:9', resolution: '2K' }, gemini);
    expect(mapping.used).toEqual({
      size: pixelSize('16:9', '2K'),
      aspectRatio: '16:9',
      resolution: '2K',
    });
    expect(mapping.exact).toBe(true);
  });

  it('picks the nearest ratio in log space', () => {
    const support: SizeSupport = {
      kind: 'ratios',
      ratios: ['1:1', '4:3', '3:4', '16:9', '9:16'],
      tiers: ['1K'],
    };
    expect(mapSize({ aspectRatio: '4:5', resolution: '1K' }, support).used.aspectRatio).toBe('3:4');
    expect(mapSize({ aspectRatio: '21:9', resolution: '1K' }, support).used.aspectRatio).toBe(
      '16:9',
    );
    expect(mapSize({ aspectRatio: '2:3', resolution: '1K' }, support).used.aspectRatio).toBe('3:4');
    expect(mapSize({ aspectRatio: '3:2', resolution: '1K' }, support).used.aspectRatio).toBe('4:3');
  });

  it('picks the nearest tier', () => {
    const support: SizeSupport = { kind: 'ratios', ratios: ['1:1'], tiers: ['1K', '2K'] };
    expect(mapSize({ aspectRatio: '1:1', resolution: '4K' }, support).used.resolution).toBe('2K');
    expect(mapSize({ aspectRatio: '1:1', resolution: '0.5K' }, support).used.resolution).toBe('1K');
  });

  it('derives the ratio and tier of a bare size', () => {
    const mapping = mapSize({ size: { width: 2730, height: 1536 } }, gemini);
    expect(mapping.requested).toMatchObject({ aspectRatio: '16:9', resolution: '2K' });
    expect(mapping.used).toMatchObject({ aspectRatio: '16:9', resolution: '2K' });
  });

  it('sizes ratios outside the arena list too', () => {
    const support: SizeSupport = { kind: 'ratios', ratios: ['9:21'], tiers: ['1K'] };
    const { used } = mapSize({ aspectRatio: '9:16', resolution: '1K' }, support);
    expect(used.aspectRatio).toBe('9:21');
    expect(used.size.height).toBeGreaterThan(used.size.width * 2);
  });

  it('always answers with one of the supported ratios and tiers', () => {
    const support: SizeSupport = {
      kind: 'ratios',
      ratios: ['1:1', '16:9', '9:16'],
      tiers: ['1K', '4K'],
    };
    for (const ratio of ASPECT_RATIOS) {
      for (const tier of RESOLUTION_TIERS) {
        const { used } = mapSize({ aspectRatio: ratio, resolution: tier }, support);
        expect(support.ratios).toContain(used.aspectRatio);
        expect(support.tiers).toContain(used.resolution);
      }
    }
  });
});

describe('mapSize: a fixed list of sizes', () => {
  it('prefers the right shape over the right resolution', () => {
    expect(mapSize({ aspectRatio: '16:9', resolution: '1K' }, gptImage).used.size).toEqual({
      width: 1536,
      height: 1024,
    });
    expect(mapSize({ aspectRatio: '9:16', resolution: '0.5K' }, gptImage).used.size).toEqual({
      width: 1024,
      height: 1536,
    });
    expect(mapSize({ aspectRatio: '1:1', resolution: '4K' }, gptImage).used.size).toEqual({
      width: 1024,
      height: 1024,
    });
  });

  it('among sizes of the same shape, picks the nearest area', () => {
    const squares: SizeSupport = {
      kind: 'sizes',
      sizes: [256, 512, 1024].map((e) => ({ width: e, height: e })),
    };
    expect(mapSize({ aspectRatio: '1:1', resolution: '0.5K' }, squares).used.size.width).toBe(512);
    expect(mapSize({ size: { width: 300, height: 300 } }, squares).used.size.width).toBe(256);
  });

  it('reports requested versus used', () => {
    const mapping = mapSize(
      { aspectRatio: '16:9', resolution: '1K', size: { width: 1365, height: 768 } },
      gptImage,
    );
    expect(mapping).toEqual({
      requested: { size: { width: 1365, height: 768 }, aspectRatio: '16:9', resolution: '1K' },
      used: { size: { width: 1536, height: 1024 }, aspectRatio: '3:2', resolution: '1K' },
      exact: false,
    });
  });
});

describe('mapSize: free sizes', () => {
  it('passes a size through when anything goes', () => {
    const mapping = mapSize(
      { aspectRatio: '16:9', resolution: '1K', size: { width: 1365, height: 768 } },
      { kind: 'free' },
    );
    expect(mapping.used.size).toEqual({ width: 1365, height: 768 });
    expect(mapping.exact).toBe(true);
  });

  it('rounds to the multiple and keeps within the bounds, shape kept', () => {
    const support: SizeSupport = { kind: 'free', multipleOf: 8, maxEdge: 2048, minEdge: 256 };
    expect(mapSize({ size: { width: 1365, height: 768 } }, support).used.size).toEqual({
      width: 1368,
      height: 768,
    });
    const big = mapSize({ aspectRatio: '16:9', resolution: '4K' }, support).used;
    expect(big.size.width).toBe(2048);
    expect(big.size.height).toBe(1152);
    expect(big.aspectRatio).toBe('16:9');
    expect(mapSize({ size: { width: 100, height: 100 } }, support).used.size).toEqual({
      width: 256,
      height: 256,
    });
  });
});

describe('tierOf', () => {
  it('names the tier of a pixel size', () => {
    expect(tierOf({ width: 1024, height: 1024 })).toBe('1K');
    expect(tierOf({ width: 1365, height: 768 })).toBe('1K');
    expect(tierOf({ width: 512, height: 512 })).toBe('0.5K');
    expect(tierOf({ width: 4096, height: 4096 })).toBe('4K');
  });
});
