import { createHash } from 'node:crypto';
import sharp, { type Sharp } from 'sharp';
import { Semaphore } from './semaphore';
import { servingBase, type ServingBase } from './serving-base';
import { paddedWebpMinimum } from './webp-padding';

/** Served images never exceed this long edge, whatever the challenge asked the models for. */
export const SERVING_MAX_EDGE = 1024;
/** One encoder setting for every model's image. */
const SERVING_QUALITY = 82;
/**
 * libwebp's fastest method: at the same quality its files are about a quarter larger than at
 * effort 2, and encoding takes about 40% less time, which is most of a battle's CPU (two
 * variants per battle). Lengths measured under another setting (`generations.serving_bytes`)
 * no longer bound these: such a challenge's variants go over budget (logged) until they are
 * measured again.
 */
const SERVING_EFFORT = 0;

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
 * `count` pseudo-random 32-bit words drawn from a seed: SHAKE256 (an extendable-output hash)
 * of the seed and a label, in one call however many words.
 */
function seededWords(seed: Buffer, label: string, count: number): Uint32Array {
  const bytes = createHash('shake256', { outputLength: count * 4 })
    .update(seed)
    .update(`:${label}`)
    .digest();
  const words = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) words[i] = bytes.readUInt32LE(i * 4);
  return words;
}

/**
 * An imperceptible, per-battle change of the whole picture: each channel scaled by at most
 * ±1.2% and shifted by at most ±2 levels, drawn from the seed.
 */
function tint(seed: Buffer): { a: number[]; b: number[] } {
  const words = seededWords(seed, 'tint', 6);
  const unit = (i: number) => words[i]! / 0xffffffff; // [0, 1]
  const scale = [0, 1, 2].map((i) => 1 + (unit(i) * 2 - 1) * 0.012);
  const shift = [3, 4, 5].map((i) => Math.round((unit(i) * 2 - 1) * 2));
  return { a: scale, b: shift };
}

/** One pixel in this many gets a speckle. */
const SPECKLE_EVERY = 256;

/** All-zero images to XOR speckles into, by byte length, reused once a render is done. */
const speckleImages = new Map<number, Buffer[]>();

/**
 * A tint alone takes only a few thousand distinct values once pixels are rounded to whole
 * levels, so among a few hundred battles of one answer two would share their pixels (and so
 * their bytes). Speckles make every variant's pixels its own: one level up or down (the
 * lowest bit flipped), in all channels, at seed-drawn places, one pixel in 256. Invisible; an
 * encoder keeps enough of it. The speckles are an image XORed in by libvips, so that no
 * pixel of the picture passes through JavaScript: `render` gets the image and must be done
 * with it when its promise settles.
 */
async function withSpeckles<T>(
  base: ServingBase,
  seed: Buffer,
  render: (speckles: Buffer) => Promise<T>,
): Promise<T> {
  const { width, height, channels } = base;
  const pixelCount = width * height;
  const length = pixelCount * channels;
  let free = speckleImages.get(length);
  if (!free) speckleImages.set(length, (free = []));
  const image = free.pop() ?? Buffer.alloc(length);
  const places = seededWords(seed, 'speckle', Math.max(64, Math.floor(pixelCount / SPECKLE_EVERY)));
  const mark = (value: number) => {
    for (const place of places) {
      const at = (place % pixelCount) * channels;
      for (let c = 0; c < channels; c += 1) image[at + c] = value;
    }
  };
  mark(1);
  try {
    return await render(image);
  } finally {
    mark(0);
    free.push(image);
  }
}

/**
 * Renders at once: as many as libuv's thread pool runs (sharp works there), so that a render
 * waiting its turn holds no speckle image yet.
 */
const renders = new Semaphore(Number(process.env.UV_THREADPOOL_SIZE) || 4);

/**
 * A stored image as one battle serves it: cropped and scaled to the challenge's serving size
 * (one size policy for every model), flattened, lightly and uniquely tinted and speckled by `seed` (no
 * seed: untinted, for measuring), and encoded with one WebP setting, without any metadata.
 * The same seed gives the same bytes, in any process. Starts from the answer's kept base
 * (serving-base.ts) when there is one.
 */
export async function renderServingVariant(
  stored: Buffer,
  size: ServingSize,
  seed?: Buffer,
): Promise<Buffer> {
  const base = await servingBase(stored, size.width, size.height);
  const webp = (image: Sharp) =>
    image.webp({ quality: SERVING_QUALITY, effort: SERVING_EFFORT }).toBuffer();
  // A battle's variant has a voter waiting for it: it goes before measuring new answers,
  // which a catalog's generation can queue by the hundred.
  return renders.run(() => {
    if (!seed) return webp(sharp(base.tiff));
    const { a, b } = tint(seed);
    const raw = { width: base.width, height: base.height, channels: base.channels };
    return withSpeckles(base, seed, (speckles) =>
      webp(sharp(base.tiff).linear(a, b).boolean(speckles, 'eor', { raw })),
    );
  }, seed !== undefined);
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
