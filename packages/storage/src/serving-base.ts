import { createHash } from 'node:crypto';
import sharp, { type Channels } from 'sharp';
import { DEFAULT_MAX_INPUT_PIXELS } from './normalise';

/**
 * A stored answer at a serving size, cropped, scaled and flattened: what every battle's
 * variant of it starts from. Decoding the stored WebP costs about as much as encoding a
 * variant, so the bases of recent answers are kept, losslessly compressed (TIFF with deflate
 * and a horizontal predictor: a fifth of the raw pixels, decoded in a few milliseconds), and
 * a variant starts from the same pixels whether its base was kept or not.
 */
export interface ServingBase {
  /** A lossless TIFF of the base pixels, for sharp to read. */
  tiff: Buffer;
  width: number;
  height: number;
  channels: Channels;
}

/** Bytes of kept bases, least recently used dropped first: the demo catalog fits twice over. */
export const SERVING_BASE_CACHE_BYTES = 256 * 1024 * 1024;

const bases = new Map<string, Promise<ServingBase>>();
const sizes = new Map<string, number>();
let keptBytes = 0;

async function makeBase(stored: Buffer, width: number, height: number): Promise<ServingBase> {
  const { data, info } = await sharp(stored, {
    limitInputPixels: DEFAULT_MAX_INPUT_PIXELS,
    failOn: 'error',
  })
    .resize(width, height, { fit: 'cover', position: 'centre' })
    .flatten({ background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const tiff = await sharp(data, {
    raw: { width: info.width, height: info.height, channels: info.channels },
  })
    .tiff({ compression: 'deflate', predictor: 'horizontal' })
    .toBuffer();
  return { tiff, width: info.width, height: info.height, channels: info.channels };
}

function forget(key: string): void {
  bases.delete(key);
  keptBytes -= sizes.get(key) ?? 0;
  sizes.delete(key);
}

/** The base of `stored` at `width` x `height`: kept, being made (single flight), or made. */
export function servingBase(stored: Buffer, width: number, height: number): Promise<ServingBase> {
  const key = `${createHash('sha256').update(stored).digest('base64url')}:${width}x${height}`;
  const kept = bases.get(key);
  if (kept) {
    // Most recently used goes last; eviction takes from the front.
    bases.delete(key);
    bases.set(key, kept);
    return kept;
  }
  const making = makeBase(stored, width, height);
  bases.set(key, making);
  making.then(
    (base) => {
      if (bases.get(key) !== making) return;
      sizes.set(key, base.tiff.length);
      keptBytes += base.tiff.length;
      for (const [oldest] of bases) {
        if (keptBytes <= SERVING_BASE_CACHE_BYTES || oldest === key) break;
        forget(oldest);
      }
    },
    () => {
      if (bases.get(key) === making) forget(key);
    },
  );
  return making;
}
