import type { RawImage } from './artifacts';
import type { EditIntent } from './edit-intent';
import type { QualityKnobs } from './quality';

/**
 * Where the open sky is, 0..1 per pixel. A careful model floods from the top edge through
 * smoothly changing bluish pixels, so it stops at mountains and clouds; a careless one takes
 * every bright bluish pixel in the upper part, mountains included.
 */
export function skyMask(image: RawImage, careful: boolean): Float32Array {
  return careful ? floodSky(image) : colourSky(image);
}

function colourSky(image: RawImage): Float32Array {
  const { data, width, height } = image;
  const mask = new Float32Array(width * height);
  for (let y = 0; y < height * 0.8; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const r = data[i * 3] as number;
      const g = data[i * 3 + 1] as number;
      const b = data[i * 3 + 2] as number;
      mask[i] = b - r > 25 && r + g + b > 330 ? 1 : 0;
    }
  }
  return mask;
}

function floodSky(image: RawImage): Float32Array {
  const { data, width, height } = image;
  const n = width * height;
  const mask = new Float32Array(n);
  const queued = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  const bluish = (i: number) => {
    const r = data[i * 3] as number;
    const g = data[i * 3 + 1] as number;
    const b = data[i * 3 + 2] as number;
    return b > r + 8 && b + 12 >= g;
  };
  const similar = (i: number, j: number) =>
    Math.abs((data[i * 3] as number) - (data[j * 3] as number)) +
      Math.abs((data[i * 3 + 1] as number) - (data[j * 3 + 1] as number)) +
      Math.abs((data[i * 3 + 2] as number) - (data[j * 3 + 2] as number)) <=
    18;
  const push = (from: number, to: number) => {
    if (queued[to] === 0 && similar(from, to) && bluish(to)) {
      queued[to] = 1;
      stack[top++] = to;
    }
  };
  for (let x = 0; x < width; x++) {
    if (bluish(x)) {
      queued[x] = 1;
      stack[top++] = x;
    }
  }
  while (top > 0) {
    const i = stack[--top] as number;
    mask[i] = 1;
    const x = i % width;
    if (x > 0) push(i, i - 1);
    if (x < width - 1) push(i, i + 1);
    if (i >= width) push(i, i - width);
    if (i < n - width) push(i, i + width);
  }
  return mask;
}

/** The lowest row where most pixels are sky: a horizon estimate for overlays. */
export function horizonOf(mask: Float32Array, width: number, height: number): number {
  let horizon = Math.round(height * 0.35);
  for (let y = 0; y < height; y += 4) {
    let sum = 0;
    for (let x = 0; x < width; x += 4) sum += mask[y * width + x] ?? 0;
    if (sum / Math.ceil(width / 4) > 0.5) horizon = y;
  }
  return horizon;
}

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

/** Per-pixel colour changes an instruction calls for, stronger or cruder by quality. */
export function gradePixels(
  image: RawImage,
  intent: EditIntent,
  knobs: QualityKnobs,
  sky: Float32Array | undefined,
  horizon = image.height * 0.45,
): void {
  const { width, height } = image;
  // A clamped view saturates at 0 and 255 by itself.
  const data = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
  const { night, drive, painted, caricature } = intent;
  const q = knobs.quality;
  // Posterise: gentle bands for a painted look; crude bands when quality is low.
  const levels = intent.caricature
    ? q > 0.6
      ? 12
      : q > 0.35
        ? 7
        : 3
    : intent.painted
      ? q > 0.6
        ? 0
        : q > 0.35
          ? 8
          : 3
      : q < 0.3
        ? 6
        : 0;
  const step = levels > 0 ? 255 / (levels - 1) : 0;
  const seaTop = horizon - height * 0.07;
  for (let y = 0; y < height; y++) {
    const t = y / height;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const p = i * 3;
      let r = data[p] as number;
      let g = data[p + 1] as number;
      let b = data[p + 2] as number;
      if (night) {
        const s = sky ? (sky[i] as number) : 0;
        // Moonlit land: darker, bluer.
        const lr = r * 0.3;
        const lg = g * 0.36;
        const lb = b * 0.5 + 12;
        // Night sky: deep navy at the top, a little glow at the horizon.
        const sr = 8 + 30 * t;
        const sg = 12 + 34 * t;
        const sb = 35 + 60 * t;
        r = lr + (sr - lr) * s;
        g = lg + (sg - lg) * s;
        b = lb + (sb - lb) * s;
      } else if (drive && sky) {
        const s = sky[i] as number;
        // The lowest band of sky becomes the ocean, the rest a golden-hour sky.
        const sea = y > seaTop;
        const tr = sea ? 40 : 255 * (0.95 - 0.25 * t);
        const tg = sea
          ? 110 + 30 * ((y - seaTop) / (horizon - seaTop + 1))
          : 255 * (0.62 + 0.2 * t);
        const tb = sea ? 170 : 255 * (0.55 - 0.1 * t);
        r = r * 1.08 + 14 + (tr - r) * s * 0.85;
        g = g * 1.0 + 4 + (tg - g) * s * 0.85;
        b = b * 0.85 + (tb - b) * s * 0.85;
      }
      if (painted) {
        // Pastel: lift shadows, soften saturation, warm the light.
        const l = (r + g + b) / 3;
        r = (r * 0.7 + l * 0.3) * 0.82 + 52;
        g = (g * 0.7 + l * 0.3) * 0.82 + 46;
        b = (b * 0.7 + l * 0.3) * 0.82 + 38;
      }
      if (caricature) {
        const l = (r + g + b) / 3;
        r = l + (r - l) * 1.5;
        g = l + (g - l) * 1.5;
        b = l + (b - l) * 1.5;
      }
      if (levels > 0) {
        r = Math.round(r / step) * step;
        g = Math.round(g / step) * step;
        b = Math.round(b / step) * step;
      }
      data[p] = r;
      data[p + 1] = g;
      data[p + 2] = b;
    }
  }
}

/** Dark outlines where brightness changes sharply: an inked, drawn look. */
export function inkEdges(image: RawImage, strength: number, threshold: number): void {
  const { data, width, height } = image;
  const lum = new Uint8Array(width * height);
  for (let i = 0; i < lum.length; i++) {
    lum[i] = ((data[i * 3] ?? 0) * 3 + (data[i * 3 + 1] ?? 0) * 4 + (data[i * 3 + 2] ?? 0)) >> 3;
  }
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const gx = (lum[i + 1] ?? 0) - (lum[i - 1] ?? 0);
      const gy = (lum[i + width] ?? 0) - (lum[i - width] ?? 0);
      const e = Math.abs(gx) + Math.abs(gy);
      if (e <= threshold) continue;
      const k = 1 - strength * Math.min(1, (e - threshold) / 40);
      data[i * 3] = (data[i * 3] ?? 0) * k;
      data[i * 3 + 1] = (data[i * 3 + 1] ?? 0) * k;
      data[i * 3 + 2] = (data[i * 3 + 2] ?? 0) * k;
    }
  }
}

/** Mean colour of a small square, to match patches to the photo (skin, hair). */
export function sampleColour(
  image: RawImage,
  x: number,
  y: number,
  radius: number,
): [number, number, number] {
  const { data, width, height } = image;
  let r = 0;
  let g = 0;
  let b = 0;
  let n = 0;
  for (
    let yy = Math.max(0, Math.round(y - radius));
    yy <= Math.min(height - 1, Math.round(y + radius));
    yy++
  ) {
    for (
      let xx = Math.max(0, Math.round(x - radius));
      xx <= Math.min(width - 1, Math.round(x + radius));
      xx++
    ) {
      const p = (yy * width + xx) * 3;
      r += data[p] ?? 0;
      g += data[p + 1] ?? 0;
      b += data[p + 2] ?? 0;
      n++;
    }
  }
  return n === 0 ? [128, 128, 128] : [r / n, g / n, b / n];
}

/** Paints stars straight into the pixels, only on sky when the model is careful. */
export function paintStars(
  image: RawImage,
  sky: Float32Array | undefined,
  count: number,
  careful: boolean,
  next: () => number,
): void {
  const { data, width, height } = image;
  for (let k = 0; k < count; k++) {
    const x = Math.floor(next() * width);
    const y = Math.floor(next() ** 1.3 * height * 0.75);
    const where = sky?.[y * width + x] ?? 1;
    if (careful && where < 0.6) continue;
    const size = careful ? (next() < 0.1 ? 2 : 1) : 3;
    const bright = careful ? 150 + next() * 105 : 255;
    for (let dy = -size; dy <= size; dy++) {
      for (let dx = -size; dx <= size; dx++) {
        // A plus shape for careful stars, a square blob for careless ones.
        if (careful && dx !== 0 && dy !== 0) continue;
        const xx = x + dx;
        const yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
        const fall = careful ? 1 - (Math.abs(dx) + Math.abs(dy)) / (size + 1) : 1;
        const p = (yy * width + xx) * 3;
        for (let c = 0; c < 3; c++)
          data[p + c] = clamp((data[p + c] ?? 0) + bright * fall * (c === 2 ? 1 : 0.92));
      }
    }
  }
}
