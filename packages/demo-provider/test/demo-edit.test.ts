import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDemoImage, renderSourceImage, type SourceImageKind } from '../src';

const SIZE = 256;

/** Grey levels of a 24x24 thumbnail, for comparing pictures by layout. */
async function thumbnail(png: Buffer): Promise<number[]> {
  const data = await sharp(png).resize(24, 24, { fit: 'fill' }).greyscale().raw().toBuffer();
  return [...data];
}

function correlation(a: number[], b: number[]): number {
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(a);
  const mb = mean(b);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    const x = (a[i] ?? 0) - ma;
    const y = (b[i] ?? 0) - mb;
    num += x * y;
    da += x * x;
    db += y * y;
  }
  return num / Math.sqrt(da * db);
}

function meanAbsDiff(a: number[], b: number[]): number {
  return a.reduce((s, x, i) => s + Math.abs(x - (b[i] ?? 0)), 0) / a.length;
}

const EDITS: Array<[SourceImageKind, string]> = [
  [
    'mountain-day',
    'Change the scene to night: a deep, dark sky with subtle, glistening stars visible behind the mountain.',
  ],
  [
    'neutral-portrait',
    '{"action": "image_edit", "change": "Warm genuine Duchenne smile: lips curved up, slight natural teeth"}',
  ],
  [
    'bald-man',
    'Give the person a full, thick head of natural hair with realistic texture, density, and a natural hairline.',
  ],
  [
    'portrait-hair',
    'Add dynamic motion to this photo: make hair blow in the wind, add leaves flying.',
  ],
  [
    'tv-anchor-with-dog',
    'Create a caricature of me and my job as a tv show anchor who loves dogs and hockey.',
  ],
  [
    'countryside-photo',
    'Transform this photo into a Studio Ghibli–inspired illustration with soft pastel colors.',
  ],
  ['man-and-car', 'Make a photo of the man driving the car down the California coastline'],
  ['neutral-portrait', 'Make it look better & more "dramatic" 🎬'],
];

describe('renderDemoImage with a source image', () => {
  const sources = new Map<SourceImageKind, Buffer>();
  beforeAll(async () => {
    for (const [kind] of EDITS) sources.set(kind, await renderSourceImage(kind, SIZE, SIZE));
  });

  it.each(EDITS)('edits %s: a transformation of the source, not a copy', async (kind, prompt) => {
    const source = sources.get(kind) as Buffer;
    const spec = {
      prompt,
      modelSlug: 'model-a',
      quality: 0.8,
      attempt: 1,
      seed: 5,
      width: SIZE,
      height: SIZE,
      sourceImage: source,
    };
    const png = await renderDemoImage(spec);
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', SIZE, SIZE]);
    const before = await thumbnail(source);
    const after = await thumbnail(png);
    expect(meanAbsDiff(before, after)).toBeGreaterThan(3);
    expect(correlation(before, after)).toBeGreaterThan(0.5);
    expect((await renderDemoImage(spec)).equals(png)).toBe(true);
  });

  it('varies by model and attempt, and outputs the requested size whatever the source size', async () => {
    const source = sources.get('mountain-day') as Buffer;
    const spec = {
      prompt: 'make it night with stars',
      modelSlug: 'model-a',
      quality: 0.6,
      attempt: 1,
      seed: 5,
      width: 300,
      height: 200,
      sourceImage: source,
    };
    const a = await renderDemoImage(spec);
    const b = await renderDemoImage({ ...spec, modelSlug: 'model-b' });
    const c = await renderDemoImage({ ...spec, attempt: 2 });
    expect(a.equals(b)).toBe(false);
    expect(a.equals(c)).toBe(false);
    const meta = await sharp(a).metadata();
    expect([meta.width, meta.height]).toEqual([300, 200]);
  });

  it('edits more faithfully at high quality than at low quality', async () => {
    const source = sources.get('neutral-portrait') as Buffer;
    const spec = {
      prompt: 'Warm genuine smile',
      modelSlug: 'model-a',
      attempt: 1,
      seed: 5,
      width: SIZE,
      height: SIZE,
      sourceImage: source,
    };
    const before = await thumbnail(source);
    const careful = meanAbsDiff(
      before,
      await thumbnail(await renderDemoImage({ ...spec, quality: 0.95 })),
    );
    const careless = meanAbsDiff(
      before,
      await thumbnail(await renderDemoImage({ ...spec, quality: 0.05 })),
    );
    expect(careless).toBeGreaterThan(careful);
  });

  it('rejects bytes that are not an image', async () => {
    await expect(
      renderDemoImage({
        prompt: 'night',
        modelSlug: 'm',
        quality: 0.5,
        attempt: 1,
        seed: 1,
        width: 64,
        height: 64,
        sourceImage: Buffer.from('not an image'),
      }),
    ).rejects.toThrow();
  });
});
