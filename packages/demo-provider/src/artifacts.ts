import sharp, { type OverlayOptions, type Sharp } from 'sharp';
import type { QualityKnobs } from './quality';
import type { Rand } from './random';

/** PNG settings: level 1 without adaptive filtering is several times faster than the default. */
export const PNG_OPTIONS = { compressionLevel: 1, adaptiveFiltering: false } as const;

export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
}

/** Adds grain in 2x2 cells: visible, and cheaper to compress than per-pixel noise. */
export function addNoise(image: RawImage, amplitude: number, rand: Rand): void {
  const { width, height } = image;
  const amp = Math.round(amplitude);
  if (amp < 2) return;
  // A clamped view saturates at 0 and 255 by itself.
  const px = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
  const span = 2 * amp + 1;
  let state = Math.floor(rand.next() * 0xffffffff) | 1;
  const row = new Int16Array(Math.ceil(width / 2) * 3);
  for (let y = 0; y < height; y++) {
    if ((y & 1) === 0) {
      for (let i = 0; i < row.length; i++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        row[i] = (((state >>> 0) * span) / 4294967296 - amp) | 0;
      }
    }
    const start = y * width * 3;
    for (let x = 0; x < width; x++) {
      const p = start + x * 3;
      const cell = (x >> 1) * 3;
      px[p] = (px[p] as number) + (row[cell] as number);
      px[p + 1] = (px[p + 1] as number) + (row[cell + 1] as number);
      px[p + 2] = (px[p + 2] as number) + (row[cell + 2] as number);
    }
  }
}

/** Darkens the corners; cheaper on pixels than as a full-canvas SVG gradient. */
export function applyVignette(image: RawImage, strength: number): void {
  const { data, width, height } = image;
  if (strength <= 0) return;
  const cx = width / 2;
  const cy = height / 2;
  const inv = 1 / Math.hypot(cx, cy);
  for (let y = 0; y < height; y++) {
    const dy2 = (y - cy) ** 2;
    // Rows near the middle only reach the darkened ring near their ends.
    const reach = Math.sqrt(Math.max(0, (0.5 / inv) ** 2 - dy2));
    const inner0 = Math.max(0, Math.floor(cx - reach));
    const inner1 = Math.min(width, Math.ceil(cx + reach));
    const start = y * width * 3;
    for (let x = 0; x < width; x++) {
      if (x === inner0 && inner1 > inner0) x = inner1;
      if (x >= width) break;
      const t = (Math.sqrt((x - cx) ** 2 + dy2) * inv - 0.5) / 0.5;
      if (t <= 0) continue;
      const k = 1 - strength * t * t * (3 - 2 * t);
      const p = start + x * 3;
      data[p] = (data[p] as number) * k;
      data[p + 1] = (data[p + 1] as number) * k;
      data[p + 2] = (data[p + 2] as number) * k;
    }
  }
}

export async function toRaw(pipeline: Sharp): Promise<RawImage> {
  const out = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: out.data, width: out.info.width, height: out.info.height };
}

export function encodePng(image: RawImage): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .png(PNG_OPTIONS)
    .toBuffer();
}

export interface Finish {
  knobs: QualityKnobs;
  rand: Rand;
  vignette: number;
}

function needsPixels(knobs: QualityKnobs): boolean {
  return knobs.jpegQuality !== undefined || knobs.noise >= 1;
}

/** Sizes the picture and gives it the careless-model look: blur, blocks, compression, noise. */
export async function finishPicture(
  input: Sharp,
  width: number,
  height: number,
  finish: Finish,
): Promise<Buffer> {
  const { knobs, rand, vignette } = finish;
  let pipeline = input.resize(width, height, {
    fit: 'fill',
    kernel: knobs.blocky ? 'nearest' : 'cubic',
  });
  if (knobs.blurSigma >= 0.3) pipeline = pipeline.blur(knobs.blurSigma);
  if (!needsPixels(knobs) && vignette <= 0) return pipeline.png(PNG_OPTIONS).toBuffer();
  if (knobs.jpegQuality !== undefined) {
    const jpeg = await pipeline.jpeg({ quality: knobs.jpegQuality }).toBuffer();
    pipeline = sharp(jpeg);
  }
  const raw = await toRaw(pipeline);
  applyVignette(raw, vignette);
  addNoise(raw, knobs.noise, rand);
  return encodePng(raw);
}

/**
 * Finishes an edited photo: overlays go on top, then the careless-model look over all of it.
 * A careful model's picture is composed and encoded in a single pass.
 */
export async function finishEdit(
  image: RawImage,
  overlays: OverlayOptions[],
  finish: Finish,
): Promise<Buffer> {
  const { width, height } = image;
  applyVignette(image, finish.vignette);
  const composed = sharp(image.data, { raw: { width, height, channels: 3 } }).composite(overlays);
  if (!needsPixels(finish.knobs) && finish.knobs.blurSigma < 0.3)
    return composed.png(PNG_OPTIONS).toBuffer();
  const flat = await toRaw(composed);
  const pipeline = sharp(flat.data, { raw: { width, height, channels: 3 } });
  return finishPicture(pipeline, width, height, { ...finish, vignette: 0 });
}
