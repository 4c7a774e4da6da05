/**
 * Output sizes. Operators ask for an aspect ratio and a resolution tier; providers take either
 * a pixel size or the pair. The 1K table is the one the reference arenas publish; other tiers
 * scale it.
 */
export const RESOLUTION_TIERS = ['0.5K', '1K', '2K', '4K'] as const;
export type ResolutionTier = (typeof RESOLUTION_TIERS)[number];

const TIER_SCALE: Record<ResolutionTier, number> = { '0.5K': 0.5, '1K': 1, '2K': 2, '4K': 4 };

export const ASPECT_RATIOS = [
  '1:1',
  '4:3',
  '3:4',
  '4:5',
  '5:4',
  '2:3',
  '3:2',
  '9:16',
  '16:9',
  '21:9',
] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

export const SIZES_1K: Record<AspectRatio, { width: number; height: number }> = {
  '1:1': { width: 1024, height: 1024 },
  '4:3': { width: 1183, height: 887 },
  '3:4': { width: 887, height: 1182 },
  '4:5': { width: 916, height: 1145 },
  '5:4': { width: 1145, height: 916 },
  '2:3': { width: 836, height: 1254 },
  '3:2': { width: 1254, height: 836 },
  '9:16': { width: 768, height: 1365 },
  '16:9': { width: 1365, height: 768 },
  '21:9': { width: 1563, height: 670 },
};

export interface PixelSize {
  width: number;
  height: number;
}

export function isAspectRatio(value: string): value is AspectRatio {
  return (ASPECT_RATIOS as readonly string[]).includes(value);
}

export function isResolutionTier(value: string): value is ResolutionTier {
  return (RESOLUTION_TIERS as readonly string[]).includes(value);
}

/** Pixel size for a ratio at a tier, rounded to a multiple of 8 beyond 1K as encoders prefer. */
export function pixelSize(ratio: AspectRatio, tier: ResolutionTier): PixelSize {
  const base = SIZES_1K[ratio];
  const scale = TIER_SCALE[tier];
  if (scale === 1) return { ...base };
  const round = (n: number) => Math.max(8, Math.round((n * scale) / 8) * 8);
  return { width: round(base.width), height: round(base.height) };
}

export function formatSize(size: PixelSize): string {
  return `${size.width}x${size.height}`;
}

export function parseSize(value: string): PixelSize | undefined {
  const match = /^(\d{2,5})x(\d{2,5})$/.exec(value);
  if (!match) return undefined;
  return { width: Number(match[1]), height: Number(match[2]) };
}

/** What output sizes a model accepts, as its API expresses it. */
export type SizeSupport =
  /** A fixed list, e.g. gpt-image-1's 1024x1024, 1536x1024 and 1024x1536. */
  | { kind: 'sizes'; sizes: readonly PixelSize[] }
  /**
   * Aspect ratios ("16:9", also ones outside the arena's list such as "9:21") times
   * resolution tiers. A model with a single tier takes no tier parameter.
   */
  | { kind: 'ratios'; ratios: readonly string[]; tiers: readonly ResolutionTier[] }
  /** Any width and height within bounds, rounded to a multiple. */
  | { kind: 'free'; minEdge?: number; maxEdge?: number; multipleOf?: number };

/** A ratio label's value, width over height ("4:3" -> 1.333...). */
function ratioOf(ratio: AspectRatio): number {
  const [w, h] = ratio.split(':').map(Number);
  return w! / h!;
}

/**
 * The supported aspect ratio nearest to a picture's, in log space (so 2:1 is as far from 1:1
 * as 1:2): what an editing challenge asks for when its operator names none.
 */
export function nearestAspectRatio(size: PixelSize): AspectRatio {
  const target = Math.log(size.width / size.height);
  let best: AspectRatio = '1:1';
  let bestDistance = Infinity;
  for (const ratio of ASPECT_RATIOS) {
    const distance = Math.abs(Math.log(ratioOf(ratio)) - target);
    if (distance < bestDistance - 1e-9) {
      best = ratio;
      bestDistance = distance;
    }
  }
  return best;
}

/** The resolution tier whose square edge is nearest to a size's, in log space. */
export function nearestResolutionTier(size: PixelSize): ResolutionTier {
  const scale = Math.sqrt(size.width * size.height) / 1024;
  let best: ResolutionTier = '1K';
  let bestDistance = Infinity;
  for (const tier of RESOLUTION_TIERS) {
    const distance = Math.abs(Math.log(TIER_SCALE[tier]) - Math.log(scale));
    if (distance < bestDistance - 1e-9) {
      best = tier;
      bestDistance = distance;
    }
  }
  return best;
}
