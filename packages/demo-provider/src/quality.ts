import type { Rand } from './random';

/**
 * How the hidden quality shows in a picture. High quality: coherent, detailed, smooth,
 * correctly spelled. Low quality: sloppy placement, clashing colours, blur, blocks, noise, typos.
 */
export interface QualityKnobs {
  quality: number;
  /** 0 = precise placement, 1 = careless. */
  sloppiness: number;
  /** Share of the full element count to draw, 0.25..1. */
  detail: number;
  /** Gradients instead of flat fills. */
  smooth: boolean;
  softShadows: boolean;
  /** Fine extras: highlights, textures, rim light. */
  texture: boolean;
  /** Rasterise smaller, then upscale (blur, or blocks when `blocky`). */
  renderScale: number;
  blocky: boolean;
  blurSigma: number;
  /** Re-encode as a poor JPEG for compression artefacts. */
  jpegQuality: number | undefined;
  /** Amplitude of added noise, 0..255 scale. */
  noise: number;
  /** Probability that a word of displayed text gets a typo. */
  misspell: number;
}

export function qualityKnobs(quality: number, rand: Rand): QualityKnobs {
  // A little spread per attempt, as real models have good and bad draws.
  const q = Math.min(1, Math.max(0, quality + rand.normal() * 0.035));
  return {
    quality: q,
    sloppiness: (1 - q) ** 1.4,
    detail: 0.25 + 0.75 * q,
    smooth: q > 0.42,
    softShadows: q > 0.5,
    texture: q > 0.66,
    renderScale: q < 0.3 ? 0.22 + q * 0.8 : q < 0.45 ? 0.72 : 1,
    blocky: q < 0.22,
    blurSigma: q < 0.45 ? (0.45 - q) * 5 : 0,
    jpegQuality: q < 0.35 ? Math.round(4 + q * 30) : undefined,
    noise: q < 0.6 ? (0.6 - q) * 40 : 0,
    misspell: q >= 0.8 ? 0 : (0.8 - q) * 0.9,
  };
}

const LOOKALIKE: Record<string, string> = {
  a: 'o',
  e: 'c',
  i: 'l',
  l: 'i',
  o: 'a',
  n: 'm',
  m: 'n',
  r: 'n',
  u: 'v',
  c: 'e',
  t: 'f',
  s: 'z',
};

function typo(word: string, rand: Rand): string {
  if (word.length < 2) return word;
  const at = rand.int(0, word.length - 2);
  const ch = word[at] ?? '';
  switch (rand.int(0, 3)) {
    case 0:
      return word.slice(0, at) + (word[at + 1] ?? '') + ch + word.slice(at + 2);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    case 2:
      return word.slice(0, at) + ch + word.slice(at);
    default: {
      const lower = ch.toLowerCase();
      const swap = LOOKALIKE[lower] ?? 'x';
      return word.slice(0, at) + (lower === ch ? swap : swap.toUpperCase()) + word.slice(at + 1);
    }
  }
}

/** The text a careless model would draw: typos per word, more when quality is low. */
export function misspell(text: string, rate: number, rand: Rand): string {
  if (rate <= 0) return text;
  return text
    .split(' ')
    .map((word) => {
      let out = word;
      if (rand.chance(rate)) out = typo(out, rand);
      if (rand.chance(rate * 0.5)) out = typo(out, rand);
      return out;
    })
    .join(' ');
}
