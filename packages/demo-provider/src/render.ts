import sharp from 'sharp';
import { finishPicture } from './artifacts';
import { buildDemoSvg, type DemoImageSpec } from './build-svg';
import { renderDemoEdit } from './edit';

export interface RenderDemoImageInput extends DemoImageSpec {
  /** The photo to edit; when present the result is a transformation of it. */
  sourceImage?: Buffer;
}

/** Renders one demo picture as PNG, offline and deterministically. */
export async function renderDemoImage(input: RenderDemoImageInput): Promise<Buffer> {
  const width = Math.max(8, Math.round(input.width));
  const height = Math.max(8, Math.round(input.height));
  const spec = { ...input, width, height };
  if (input.sourceImage) return renderDemoEdit({ ...spec, sourceImage: input.sourceImage });
  const { svg, knobs, rand, vignette } = buildDemoSvg(spec);
  const raster = sharp(Buffer.from(svg)).flatten({ background: '#ffffff' });
  return finishPicture(raster, width, height, { knobs, rand, vignette });
}
