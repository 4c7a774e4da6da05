import sharp from 'sharp';
import { finishPicture } from './artifacts';
import { analysePrompt } from './prompt';
import type { QualityKnobs } from './quality';
import { seededRand } from './random';
import { Scene } from './scene';
import { isSourceImageKind, SOURCE_IMAGE_KINDS } from './source-kinds';
import { SOURCE_DESCRIPTIONS, SOURCE_PAINTERS } from './source-scenes';

export { isSourceImageKind, SOURCE_IMAGE_KINDS, type SourceImageKind } from './source-kinds';

/** A careful "camera": every quality knob at its best (no grain: it would bloat every PNG). */
const CAMERA: QualityKnobs = {
  quality: 1,
  sloppiness: 0,
  detail: 1,
  smooth: true,
  softShadows: true,
  texture: true,
  renderScale: 1,
  blocky: false,
  blurSigma: 0,
  jpegQuality: undefined,
  noise: 0,
  misspell: 0,
};

/** Renders one source photo (PNG), offline and always the same for a kind and size. */
export async function renderSourceImage(
  kind: string,
  width = 1024,
  height = 1024,
): Promise<Buffer> {
  if (!isSourceImageKind(kind)) {
    throw new Error(
      `Unknown source image kind "${kind}"; expected one of ${SOURCE_IMAGE_KINDS.join(', ')}`,
    );
  }
  const w = Math.max(8, Math.round(width));
  const h = Math.max(8, Math.round(height));
  const rand = seededRand('demo-source', kind);
  const sc = new Scene(w, h, analysePrompt(SOURCE_DESCRIPTIONS[kind]), CAMERA, rand);
  SOURCE_PAINTERS[kind](sc);
  const raster = sharp(Buffer.from(sc.doc.toString())).flatten({ background: '#ffffff' });
  return finishPicture(raster, w, h, { knobs: CAMERA, rand, vignette: sc.vignetteStrength });
}
