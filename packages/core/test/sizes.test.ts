import { describe, expect, it } from 'vitest';
import { formatSize, parseSize, pixelSize } from '../src/sizes';

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
});
