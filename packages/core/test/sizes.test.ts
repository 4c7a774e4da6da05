import { describe, expect, it } from 'vitest';
import {
  ASPECT_RATIOS,
  formatSize,
  nearestAspectRatio,
  nearestResolutionTier,
  parseSize,
  pixelSize,
  RESOLUTION_TIERS,
} from '../src/sizes';

describe('sizes', () => {
  it('uses the published 1K table and scales other tiers', () => {
    expect(pixelSize('16:9', '1K')).toEqual({ width: 1365, height: 768 });
    expect(pixelSize('1:1', '2K')).toEqual({ width: 2048, height: 2048 });
    expect(pixelSize('1:1', '0.5K')).toEqual({ width: 512, height: 512 });
  });

  it('round-trips WxH strings and rejects others', () => {
    expect(parseSize(formatSize({ width: 887, height: 1182 }))).toEqual({
      width: 887,
      height: 1182,
    });
    expect(parseSize('1024')).toBeUndefined();
    expect(parseSize('1024x1024x3')).toBeUndefined();
  });

  it('maps a picture to the nearest supported aspect ratio and tier', () => {
    expect(nearestAspectRatio({ width: 800, height: 600 })).toBe('4:3');
    expect(nearestAspectRatio({ width: 600, height: 800 })).toBe('3:4');
    expect(nearestAspectRatio({ width: 1920, height: 1080 })).toBe('16:9');
    expect(nearestAspectRatio({ width: 1000, height: 990 })).toBe('1:1');
    // Wider than any supported ratio: the widest.
    expect(nearestAspectRatio({ width: 4000, height: 1000 })).toBe('21:9');
    // Every ratio's own size maps back to it, at every tier.
    for (const ratio of ASPECT_RATIOS) {
      for (const tier of RESOLUTION_TIERS) {
        expect(nearestAspectRatio(pixelSize(ratio, tier)), `${ratio} ${tier}`).toBe(ratio);
        expect(nearestResolutionTier(pixelSize(ratio, tier)), `${ratio} ${tier}`).toBe(tier);
      }
    }
  });
});
