import sharp, { type OverlayOptions } from 'sharp';
import { finishEdit, PNG_OPTIONS, toRaw, type RawImage } from './artifacts';
import { MAX_DRAWN_PIXELS, type DemoImageSpec } from './build-svg';
import { analyseEdit, type EditIntent } from './edit-intent';
import { gradePixels, horizonOf, inkEdges, paintStars, sampleColour, skyMask } from './edit-grade';
import { buildEditOverlay } from './edit-overlays';
import { portraitFace, type FaceBox } from './face-layout';
import { qualityKnobs, type QualityKnobs } from './quality';
import { seededRand } from './random';

export interface DemoEditSpec extends DemoImageSpec {
  sourceImage: Buffer;
}

/** A 16000x16000 PNG is tiny on disk; refuse decompression bombs. */
const MAX_INPUT_PIXELS = 40_000_000;

/** Smears the background sideways, keeping the face sharp when the model is careful. */
async function motionBlur(image: RawImage, face: FaceBox, knobs: QualityKnobs): Promise<void> {
  const { width, height, data } = image;
  const smear = await sharp(data, { raw: { width, height, channels: 3 } })
    .resize(Math.max(1, Math.round(width / 12)), height, { fit: 'fill' })
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = (x - face.cx) / (face.rx * 2.2);
      const dy = (y - face.cy) / (face.ry * 2.6);
      const away = Math.min(1, Math.max(0, Math.sqrt(dx * dx + dy * dy) - 1));
      const m = knobs.smooth ? 0.55 * away : 0.6;
      const p = (y * width + x) * 3;
      for (let c = 0; c < 3; c++)
        data[p + c] = (data[p + c] ?? 0) * (1 - m) + (smear[p + c] ?? 0) * m;
    }
  }
}

/** Exaggerates the head: a bigger copy of the face region, blended in over the original. */
async function enlargeHead(
  image: RawImage,
  face: FaceBox,
  knobs: QualityKnobs,
): Promise<OverlayOptions> {
  const { width, height } = image;
  const left = Math.max(0, Math.round(face.cx - face.rx * 1.35));
  const top = Math.max(0, Math.round(face.cy - face.ry * 1.35));
  const boxW = Math.min(width - left, Math.round(face.rx * 2.7));
  const boxH = Math.min(height - top, Math.round(face.ry * 2.5));
  const scale = 1.35;
  const outW = Math.round(boxW * scale);
  const outH = Math.round(boxH * scale);
  const feather = knobs.smooth ? 0.82 : 0.99;
  const mask = `<svg xmlns="http://www.w3.org/2000/svg" width="${outW}" height="${outH}"><defs><radialGradient id="m"><stop offset="${feather}" stop-color="#fff"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs><ellipse cx="${outW / 2}" cy="${outH / 2}" rx="${outW / 2}" ry="${outH / 2}" fill="url(#m)"/></svg>`;
  const head = await sharp(image.data, { raw: { width, height, channels: 3 } })
    .extract({ left, top, width: boxW, height: boxH })
    .resize(outW, outH)
    .ensureAlpha()
    .composite([{ input: Buffer.from(mask), blend: 'dest-in' }])
    .png()
    .toBuffer();
  const cropLeft = Math.round(face.cx - outW / 2);
  const cropTop = Math.round(face.cy - outH * 0.62);
  // Composite inputs must lie inside the image.
  const clipped = await sharp(head)
    .extract({
      left: Math.max(0, -cropLeft),
      top: Math.max(0, -cropTop),
      width: Math.min(outW - Math.max(0, -cropLeft), width - Math.max(0, cropLeft)),
      height: Math.min(outH - Math.max(0, -cropTop), height - Math.max(0, cropTop)),
    })
    .toBuffer();
  return { input: clipped, left: Math.max(0, cropLeft), top: Math.max(0, cropTop) };
}

function anyIntent(intent: EditIntent): boolean {
  return (
    intent.night ||
    intent.smile ||
    intent.hair ||
    intent.motion ||
    intent.painted ||
    intent.caricature ||
    intent.drive
  );
}

/** Edits the source photo as the instruction asks; careful models edit cleanly, careless ones crudely. */
export async function renderDemoEdit(spec: DemoEditSpec): Promise<Buffer> {
  // Large outputs are edited at a bounded size and upscaled at the end.
  const shrink = Math.min(1, Math.sqrt(MAX_DRAWN_PIXELS / (spec.width * spec.height)));
  const width = Math.max(8, Math.round(spec.width * shrink));
  const height = Math.max(8, Math.round(spec.height * shrink));
  const rand = seededRand('demo-edit', spec.modelSlug, spec.prompt, spec.attempt, spec.seed);
  const knobs = qualityKnobs(Math.min(1, Math.max(0, spec.quality)), rand);
  const intent = analyseEdit(spec.prompt);
  const image = await toRaw(
    sharp(spec.sourceImage, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize(width, height, { fit: 'cover' })
      .flatten({ background: '#ffffff' }),
  );
  const face = portraitFace(width, height);
  const skin = sampleColour(
    image,
    face.cx - face.rx * 0.5,
    face.cy + face.ry * 0.25,
    face.rx * 0.05,
  );
  const beard = sampleColour(image, face.cx, face.cy + face.ry * 0.88, face.rx * 0.05);
  const crown = sampleColour(image, face.cx, face.cy - face.ry * 1.05, face.rx * 0.05);
  const darkest = (c: [number, number, number]) => c[0] + c[1] + c[2];
  const hair: [number, number, number] =
    darkest(beard) < 300 ? beard : darkest(crown) < 300 ? crown : [59, 42, 30];
  const sky =
    intent.night || intent.drive || intent.painted ? skyMask(image, knobs.smooth) : undefined;
  const horizon = sky ? horizonOf(sky, width, height) : height * 0.45;

  if (intent.motion) await motionBlur(image, face, knobs);
  const generic = !anyIntent(intent);
  gradePixels(image, generic ? { ...intent, painted: true } : intent, knobs, sky, horizon);
  if (intent.caricature) inkEdges(image, 0.8, knobs.smooth ? 30 : 15);
  else if (intent.painted && knobs.texture) inkEdges(image, 0.35, 28);
  if (intent.night) {
    const count = Math.round((150 + 450 * knobs.detail) * ((width * height) / 1_048_576));
    paintStars(image, sky, count, knobs.smooth, rand.next);
  }

  const layers: OverlayOptions[] = [];
  if (intent.caricature) layers.push(await enlargeHead(image, face, knobs));
  const overlay = buildEditOverlay({
    width,
    height,
    face,
    horizon,
    skin,
    hair,
    intent,
    knobs,
    rand,
  });
  layers.push({ input: Buffer.from(overlay), left: 0, top: 0 });
  const png = await finishEdit(image, layers, { knobs, rand, vignette: knobs.texture ? 0.25 : 0 });
  if (shrink === 1) return png;
  return sharp(png).resize(spec.width, spec.height, { fit: 'fill' }).png(PNG_OPTIONS).toBuffer();
}
