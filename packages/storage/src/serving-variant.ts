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

/** A stream of pseudo-random 32-bit words drawn from a seed: SHA-256 in counter mode. */
function seededWords(seed: Buffer, label: string): () => number {
  let block = Buffer.alloc(0);
  let counter = 0;
  let offset = 0;
  return () => {
    if (offset + 4 > block.length) {
      block = createHash('sha256').update(seed).update(`${label}:${counter++}`).digest();
      offset = 0;
    }
    const word = block.readUInt32LE(offset);
    offset += 4;
    return word;
  };
}

/**
 * An imperceptible, per-battle change of the whole picture: each channel scaled by at most
 * ±1.2% and shifted by at most ±2 levels, drawn from the seed.
 */
function tint(seed: Buffer): { a: number[]; b: number[] } {
  const next = seededWords(seed, 'tint');
  const unit = () => next() / 0xffffffff; // [0, 1]
  const scale = [0, 1, 2].map(() => 1 + (unit() * 2 - 1) * 0.012);
  const shift = [0, 1, 2].map(() => Math.round((unit() * 2 - 1) * 2));
  return { a: scale, b: shift };
}

/** One pixel in this many gets a speckle. */
const SPECKLE_EVERY = 256;

/**
 * A tint alone takes only a few thousand distinct values once pixels are rounded to whole
 * levels, so among a few hundred battles of one answer two would share their pixels (and so
 * their bytes). Speckles make every variant's pixels its own: one level up or down, in all
 * channels, at seed-drawn places, one pixel in 256. Invisible; an encoder keeps enough of it.
 */
function speckle(pixels: Buffer, channels: number, seed: Buffer): void {
  const next = seededWords(seed, 'speckle');
  const count = Math.max(64, Math.floor(pixels.length / channels / SPECKLE_EVERY));
  const pixelCount = pixels.length / channels;
  for (let i = 0; i < count; i += 1) {
    const word = next();
    const at = (word >>> 1) % pixelCount;
    const step = word & 1 ? 1 : -1;
    for (let c = 0; c < channels; c += 1) {
      const index = at * channels + c;
      pixels[index] = Math.min(255, Math.max(0, pixels[index]! + step));
    }
  }
}

/**
 * A stored image as one battle serves it: cropped and scaled to the challenge's serving size
 * (one size policy for every model), flattened, lightly and uniquely tinted and speckled by `seed` (no
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
    const { data, info } = await image.linear(a, b).raw().toBuffer({ resolveWithObject: true });
    speckle(data, info.channels, seed);
    image = sharp(data, {
      raw: { width: info.width, height: info.height, channels: info.channels },
    });
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
