import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { DEFAULT_MAX_INPUT_PIXELS } from './normalise';
import { paddedWebpMinimum } from './webp-padding';

/** Served images never exceed this long edge, whatever the challenge asked the models for. */
export const SERVING_MAX_EDGE = 1024;
/** One encoder setting for every model's image. */
const SERVING_QUALITY = 82;

export interface ServingSize {
  width: number;
  height: number;
}

/** The requested size scaled into the serving box: every model's answer is served at it. */
export function servingSize(requested: ServingSize): ServingSize {
  const scale = Math.min(1, SERVING_MAX_EDGE / Math.max(requested.width, requested.height));
  const even = (n: number) => Math.max(2, Math.round((n * scale) / 2) * 2);
  return { width: even(requested.width), height: even(requested.height) };
}

/**
 * An imperceptible, per-battle change: each channel scaled by at most ±1.2% and shifted by at
 * most ±2 levels, drawn from the seed. Enough that no two battles' bytes (or their decoded
 * pixels) are the same; far below what an eye can see side by side.
 */
function tint(seed: Buffer): { a: number[]; b: number[] } {
  const digest = createHash('sha256').update(seed).digest();
  const unit = (i: number) => digest.readUInt16LE(i * 2) / 0xffff; // [0, 1]
  return {
    a: [0, 1, 2].map((c) => 1 + (unit(c) * 2 - 1) * 0.012),
    b: [0, 1, 2].map((c) => Math.round((unit(c + 3) * 2 - 1) * 2)),
  };
}

/**
 * A stored image as one battle serves it: cropped and scaled to the challenge's serving size
 * (one size policy for every model), flattened, lightly and uniquely tinted by `seed` (no
 * seed: untinted, for measuring), and encoded with one WebP setting, without any metadata.
 * The same seed gives the same bytes, in any process.
 */
export async function renderServingVariant(
  stored: Buffer,
  size: ServingSize,
  seed?: Buffer,
): Promise<Buffer> {
  let image = sharp(stored, { limitInputPixels: DEFAULT_MAX_INPUT_PIXELS, failOn: 'error' })
    .resize(size.width, size.height, { fit: 'cover', position: 'centre' })
    .flatten({ background: '#ffffff' });
  if (seed) {
    const { a, b } = tint(seed);
    image = image.linear(a, b);
  }
  return image.webp({ quality: SERVING_QUALITY, effort: 2 }).toBuffer();
}

/** Lengths are whole multiples of this, so that a padded length carries little information. */
export const SERVING_LENGTH_STEP = 8 * 1024;

/**
 * The length every battle image of a challenge is padded to: above its largest untinted
 * answer with room for the tint's effect on the encoder, in whole steps.
 */
export function servingByteBudget(untintedLengths: readonly number[]): number {
  const largest = Math.max(SERVING_LENGTH_STEP, ...untintedLengths);
  return Math.ceil((largest * 1.1 + 64) / SERVING_LENGTH_STEP) * SERVING_LENGTH_STEP;
}

/** An answer's length as battles serve it before tint and padding: what a budget bounds. */
export async function servingLength(stored: Buffer, size: ServingSize): Promise<number> {
  return paddedWebpMinimum(await renderServingVariant(stored, size));
}
