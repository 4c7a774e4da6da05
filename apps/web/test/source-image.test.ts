import { nearestAspectRatio as serverRatio } from '@arena/core';
import { describe, expect, it } from 'vitest';
import {
  nearestAspectRatio,
  SOURCE_IMAGE_MAX_BYTES,
  sourceImageProblem,
} from '../src/lib/console/source-image';

describe('source image checks in the console', () => {
  it('defaults the aspect ratio to the one the server would pick for the image', () => {
    expect(nearestAspectRatio(1200, 900)).toBe('4:3');
    expect(nearestAspectRatio(900, 1200)).toBe('3:4');
    expect(nearestAspectRatio(1920, 1080)).toBe('16:9');
    for (let width = 100; width <= 4000; width += 37) {
      for (let height = 100; height <= 4000; height += 53) {
        expect(nearestAspectRatio(width, height), `${width}x${height}`).toBe(
          serverRatio({ width, height }),
        );
      }
    }
  });

  it('refuses what the server would refuse, naming the file', () => {
    const file = (type: string, size: number) => ({ type, size, name: 'pick.bin' });
    expect(sourceImageProblem(file('image/png', 1000))).toBeNull();
    expect(sourceImageProblem(file('image/jpeg', SOURCE_IMAGE_MAX_BYTES))).toBeNull();
    expect(sourceImageProblem(file('image/webp', 1))).toBeNull();
    expect(sourceImageProblem(file('image/svg+xml', 1000))).toMatch(/“pick.bin” is not a PNG/);
    expect(sourceImageProblem(file('text/plain', 1000))).toMatch(/not a PNG, JPEG or WebP/);
    expect(sourceImageProblem(file('image/png', SOURCE_IMAGE_MAX_BYTES + 1))).toMatch(
      /larger than the 25 MiB limit/,
    );
    expect(sourceImageProblem(file('image/png', 0))).toMatch(/is empty/);
  });
});
