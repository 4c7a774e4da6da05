import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  padWebp,
  paddedWebpMinimum,
  renderServingVariant,
  servingByteBudget,
  servingSize,
  SERVING_LENGTH_STEP,
  WebpLayoutError,
} from '../src';

/** A stored image as the store holds them: a detailed 640x480 WebP. */
async function storedImage(): Promise<Buffer> {
  const svg = `<svg width="640" height="480" xmlns="http://www.w3.org/2000/svg">
    <rect width="640" height="480" fill="#3b6ea5"/><circle cx="320" cy="240" r="150" fill="#f2b134"/>
    <text x="60" y="420" font-size="64" fill="#fff">Caffè Florian</text></svg>`;
  return sharp(Buffer.from(svg)).webp({ quality: 90 }).toBuffer();
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function pixels(webp: Buffer) {
  const { data, info } = await sharp(webp)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, info };
}

describe('serving variants', () => {
  it('serves every answer at the challenge size, in the serving box', () => {
    expect(servingSize({ width: 1024, height: 1024 })).toEqual({ width: 1024, height: 1024 });
    expect(servingSize({ width: 2048, height: 1152 })).toEqual({ width: 1024, height: 576 });
    expect(servingSize({ width: 512, height: 768 })).toEqual({ width: 512, height: 768 });
  });

  it('gives one seed the same bytes, and every other seed other bytes and pixels', async () => {
    const stored = await storedImage();
    const size = { width: 512, height: 384 };
    const a = await renderServingVariant(stored, size, Buffer.from('battle-token-a'));
    const again = await renderServingVariant(stored, size, Buffer.from('battle-token-a'));
    expect(sha(again)).toBe(sha(a));
    const hashes = new Set<string>([sha(a)]);
    const decoded = new Set<string>([sha((await pixels(a)).data)]);
    for (let i = 0; i < 12; i += 1) {
      const variant = await renderServingVariant(stored, size, Buffer.from(`token-${i}`));
      hashes.add(sha(variant));
      decoded.add(sha((await pixels(variant)).data));
    }
    expect(hashes.size).toBe(13);
    expect(decoded.size).toBe(13);
  });

  it('never repeats pixels over hundreds of battles of one small answer', async () => {
    // A tint alone has a few thousand distinct results once rounded to whole levels: among
    // 400 battles of one small answer, some shared their pixels. Speckles make each its own.
    const stored = await storedImage();
    const size = { width: 128, height: 96 };
    const decoded = new Set<string>();
    for (let i = 0; i < 400; i += 1) {
      const variant = await renderServingVariant(stored, size, Buffer.from(`battle-${i}`));
      decoded.add(sha((await pixels(variant)).data));
    }
    expect(decoded.size).toBe(400);
  });

  it('changes the picture imperceptibly, and drops all metadata', async () => {
    const stored = await storedImage();
    const size = { width: 512, height: 384 };
    const plain = await pixels(await renderServingVariant(stored, size));
    const variant = await renderServingVariant(stored, size, Buffer.from('battle-token-b'));
    const tinted = await pixels(variant);
    expect(tinted.info).toMatchObject({ width: 512, height: 384, channels: 3 });
    let total = 0;
    let visible = 0;
    for (let i = 0; i < plain.data.length; i += 1) {
      const difference = Math.abs(plain.data[i]! - tinted.data[i]!);
      total += difference;
      if (difference > 8) visible += 1;
    }
    // Mean under two levels of 255; more than 8 levels only where the encoder rounds an edge
    // differently, in a few samples of a thousand.
    expect(total / plain.data.length).toBeLessThan(2);
    expect(total / plain.data.length).toBeGreaterThan(0.2);
    expect(visible / plain.data.length).toBeLessThan(0.005);
    const meta = await sharp(variant).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
  });
});

describe('padded WebP', () => {
  it('keeps the picture and reaches the exact length', async () => {
    const webp = await renderServingVariant(await storedImage(), { width: 320, height: 240 });
    const length = Math.ceil((paddedWebpMinimum(webp) + 1000) / 2) * 2;
    const padded = padWebp(webp, length, { width: 320, height: 240 });
    expect(padded.length).toBe(length);
    expect(padded.readUInt32LE(4)).toBe(length - 8);
    const [before, after] = await Promise.all([pixels(webp), pixels(padded)]);
    expect(after.info).toMatchObject({ width: 320, height: 240 });
    expect(sha(after.data)).toBe(sha(before.data));
    // At the minimum length too: no padding bytes at all.
    const tight = padWebp(webp, paddedWebpMinimum(webp), { width: 320, height: 240 });
    expect(sha((await pixels(tight)).data)).toBe(sha(before.data));
  });

  it('refuses what it cannot do', async () => {
    const webp = await renderServingVariant(await storedImage(), { width: 320, height: 240 });
    const canvas = { width: 320, height: 240 };
    expect(() => padWebp(webp, paddedWebpMinimum(webp) - 2, canvas)).toThrow(WebpLayoutError);
    expect(() => padWebp(webp, paddedWebpMinimum(webp) + 1, canvas)).toThrow(WebpLayoutError);
    expect(() => padWebp(Buffer.from('not an image at all'), 4096, canvas)).toThrow(
      WebpLayoutError,
    );
  });

  it('budgets whole steps above the largest answer', () => {
    expect(servingByteBudget([1000, 20_000, 64_000]) % SERVING_LENGTH_STEP).toBe(0);
    expect(servingByteBudget([1000, 20_000, 64_000])).toBeGreaterThanOrEqual(64_000 * 1.1);
    expect(servingByteBudget([100])).toBe(2 * SERVING_LENGTH_STEP);
  });
});
