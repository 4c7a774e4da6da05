import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

const cache = new Map<string, Promise<Buffer>>();

function cached(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
  let image = cache.get(key);
  if (!image) {
    image = make();
    cache.set(key, image);
  }
  return image;
}

/** A small real PNG in a colour picked by `seed`. */
export function fakePng(seed = 0, width = 64, height = 64): Promise<Buffer> {
  return cached(`solid:${seed}:${width}x${height}`, () =>
    sharp({
      create: {
        width,
        height,
        channels: 3,
        background: { r: (seed * 97) % 256, g: (seed * 57 + 80) % 256, b: (seed * 31 + 160) % 256 },
      },
    })
      .png()
      .toBuffer(),
  );
}

/** A real PNG of roughly `bytes` bytes: noise does not compress. */
export function noisePng(bytes: number): Promise<Buffer> {
  return cached(`noise:${bytes}`, () => {
    const edge = Math.max(8, Math.ceil(Math.sqrt(bytes / 3)));
    return sharp(randomBytes(edge * edge * 3), { raw: { width: edge, height: edge, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
  });
}
