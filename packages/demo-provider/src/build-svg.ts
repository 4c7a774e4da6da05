import { analysePrompt, type SceneKind } from './prompt';
import { qualityKnobs, type QualityKnobs } from './quality';
import { seededRand, type Rand } from './random';
import { Scene } from './scene';
import { drawInfographic } from './scenes/infographic';
import { drawIsometric } from './scenes/isometric';
import { drawLandscape } from './scenes/landscape';
import { drawLogo } from './scenes/logo';
import { drawMandala } from './scenes/mandala';
import { drawNight } from './scenes/night';
import { drawPortrait } from './scenes/portrait';
import { drawStillLife } from './scenes/still-life';

export interface DemoImageSpec {
  prompt: string;
  /** Seeds the composition only: nothing in the picture is derived from it alone. */
  modelSlug: string;
  /** Hidden model strength in [0, 1]. */
  quality: number;
  attempt: number;
  seed: number;
  width: number;
  height: number;
}

export interface DemoSvg {
  svg: string;
  scene: SceneKind;
  knobs: QualityKnobs;
  /** Continues the picture's random stream for raster effects. */
  rand: Rand;
  /** Corner darkening for the rasteriser, 0..1. */
  vignette: number;
}

const SCENES: Record<SceneKind, (sc: Scene) => void> = {
  logo: drawLogo,
  infographic: drawInfographic,
  mandala: drawMandala,
  isometric: drawIsometric,
  portrait: drawPortrait,
  night: drawNight,
  'still-life': drawStillLife,
  landscape: drawLandscape,
};

/** Pictures above this many pixels are drawn smaller and upscaled, to bound the time (4K is 16 MP). */
export const MAX_DRAWN_PIXELS = 2_400_000;

/** One picture per (model, prompt, attempt, seed); its content comes from the prompt. */
export function buildDemoSvg(spec: DemoImageSpec): DemoSvg {
  const rand = seededRand('demo-image', spec.modelSlug, spec.prompt, spec.attempt, spec.seed);
  const knobs = qualityKnobs(Math.min(1, Math.max(0, spec.quality)), rand);
  const features = analysePrompt(spec.prompt);
  const sc = new Scene(spec.width, spec.height, features, knobs, rand);
  SCENES[features.scene](sc);
  return {
    svg: sc.doc.toString(
      knobs.renderScale * Math.min(1, Math.sqrt(MAX_DRAWN_PIXELS / (spec.width * spec.height))),
    ),
    scene: features.scene,
    knobs,
    rand,
    vignette: sc.vignetteStrength,
  };
}
