import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderSourceImage, SOURCE_IMAGE_KINDS } from '../src';

describe('renderSourceImage', () => {
  it('lists the seven editing sources', () => {
    expect(SOURCE_IMAGE_KINDS).toHaveLength(7);
  });

  it.each(SOURCE_IMAGE_KINDS)('renders %s as a PNG, the same every time', async (kind) => {
    const png = await renderSourceImage(kind, 384, 288);
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 384, 288]);
    expect((await renderSourceImage(kind, 384, 288)).equals(png)).toBe(true);
  });

  it('defaults to 1024x1024', async () => {
    const meta = await sharp(await renderSourceImage('mountain-day')).metadata();
    expect([meta.width, meta.height]).toEqual([1024, 1024]);
  });

  it('refuses an unknown kind', async () => {
    await expect(renderSourceImage('selfie-on-mars')).rejects.toThrow(/Unknown source image kind/);
  });
});
