import {
  ASPECT_RATIOS,
  isAspectRatio,
  pixelSize,
  RESOLUTION_TIERS,
  type PixelSize,
  type ResolutionTier,
  type SizeSupport,
} from '@arena/core';

export type { SizeSupport };

export interface SizeRequest {
  size?: PixelSize;
  aspectRatio?: string;
  resolution?: ResolutionTier;
}

export interface SizeChoice {
  size: PixelSize;
  aspectRatio: string;
  resolution: ResolutionTier;
}

/** Recorded on the generation: what was asked and what the model was actually asked for. */
export interface SizeMapping {
  requested: SizeChoice;
  used: SizeChoice;
  exact: boolean;
}

/** Ratios closer than this in log space count as the same ratio (1365x768 is 16:9). */
const SAME_RATIO = 0.01;

export function ratioValue(ratio: string): number {
  const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(ratio);
  if (!match) throw new Error(`not an aspect ratio: ${ratio}`);
  return Number(match[1]) / Number(match[2]);
}

function tierScale(tier: ResolutionTier): number {
  return pixelSize('1:1', tier).width / 1024;
}

/** The tier whose square edge is nearest in log space; ties go to the higher tier. */
export function tierOf(size: PixelSize): ResolutionTier {
  return nearestTier(Math.sqrt(size.width * size.height) / 1024, RESOLUTION_TIERS);
}

function nearestTier(scale: number, tiers: readonly ResolutionTier[]): ResolutionTier {
  let best = tiers[0];
  let bestDistance = Infinity;
  for (const tier of tiers) {
    const distance = Math.abs(Math.log(tierScale(tier)) - Math.log(scale));
    if (distance <= bestDistance + 1e-9) {
      best = tier;
      bestDistance = distance;
    }
  }
  if (!best) throw new Error('no resolution tiers to choose from');
  return best;
}

function nearestRatioLabel(value: number, ratios: readonly string[]): string {
  let best = ratios[0];
  let bestDistance = Infinity;
  for (const ratio of ratios) {
    const distance = Math.abs(Math.log(ratioValue(ratio)) - Math.log(value));
    if (distance < bestDistance - 1e-9) {
      best = ratio;
      bestDistance = distance;
    }
  }
  if (!best) throw new Error('no aspect ratios to choose from');
  return best;
}

function sizeFor(ratio: string, tier: ResolutionTier): PixelSize {
  if (isAspectRatio(ratio)) return pixelSize(ratio, tier);
  const edge = 1024 * tierScale(tier);
  const value = ratioValue(ratio);
  const round8 = (n: number) => Math.max(8, Math.round(n / 8) * 8);
  return { width: round8(edge * Math.sqrt(value)), height: round8(edge / Math.sqrt(value)) };
}

function describeRequest(request: SizeRequest): SizeChoice {
  if (request.size) {
    const { size } = request;
    return {
      size,
      aspectRatio:
        request.aspectRatio ?? nearestRatioLabel(size.width / size.height, ASPECT_RATIOS),
      resolution: request.resolution ?? tierOf(size),
    };
  }
  if (!request.aspectRatio || !request.resolution) {
    throw new Error('a size, or an aspect ratio and a tier, is required');
  }
  return {
    size: sizeFor(request.aspectRatio, request.resolution),
    aspectRatio: request.aspectRatio,
    resolution: request.resolution,
  };
}

function nearestListedSize(requested: PixelSize, sizes: readonly PixelSize[]): PixelSize {
  const logRatio = (s: PixelSize) => Math.log(s.width / s.height);
  const logArea = (s: PixelSize) => Math.log(s.width * s.height);
  let best: PixelSize | undefined;
  let bestRatio = Infinity;
  let bestArea = Infinity;
  for (const size of sizes) {
    const ratio = Math.abs(logRatio(size) - logRatio(requested));
    const area = Math.abs(logArea(size) - logArea(requested));
    const clearlyCloser = ratio < bestRatio - SAME_RATIO;
    const sameRatio = Math.abs(ratio - bestRatio) <= SAME_RATIO;
    if (clearlyCloser || (sameRatio && area < bestArea)) {
      best = size;
      bestRatio = ratio;
      bestArea = area;
    }
  }
  if (!best) throw new Error('no sizes to choose from');
  return { ...best };
}

function fitFree(requested: PixelSize, support: Extract<SizeSupport, { kind: 'free' }>): PixelSize {
  const min = support.minEdge ?? 1;
  const max = support.maxEdge ?? Infinity;
  const multiple = support.multipleOf ?? 1;
  let scale = 1;
  const longEdge = Math.max(requested.width, requested.height);
  const shortEdge = Math.min(requested.width, requested.height);
  if (longEdge * scale > max) scale = max / longEdge;
  if (shortEdge * scale < min) scale = min / shortEdge;
  const fit = (n: number) =>
    Math.min(
      Math.floor(max / multiple) * multiple,
      Math.max(Math.ceil(min / multiple) * multiple, Math.round((n * scale) / multiple) * multiple),
    );
  return { width: fit(requested.width), height: fit(requested.height) };
}

/**
 * Maps the arena's request to the nearest size the model supports: nearest aspect ratio in
 * log space first (a wrong shape is worse than a wrong resolution), then nearest tier.
 */
export function mapSize(request: SizeRequest, support: SizeSupport): SizeMapping {
  const requested = describeRequest(request);
  let used: SizeChoice;
  if (support.kind === 'ratios') {
    const ratio = nearestRatioLabel(ratioValue(requested.aspectRatio), support.ratios);
    const tier = nearestTier(tierScale(requested.resolution), support.tiers);
    used = { size: sizeFor(ratio, tier), aspectRatio: ratio, resolution: tier };
  } else {
    const size =
      support.kind === 'sizes'
        ? nearestListedSize(requested.size, support.sizes)
        : fitFree(requested.size, support);
    const sameShape =
      Math.abs(Math.log(size.width / size.height) - Math.log(ratioValue(requested.aspectRatio))) <=
      SAME_RATIO;
    used = {
      size,
      aspectRatio: sameShape
        ? requested.aspectRatio
        : nearestRatioLabel(size.width / size.height, ASPECT_RATIOS),
      resolution: tierOf(size),
    };
  }
  const exact =
    used.size.width === requested.size.width && used.size.height === requested.size.height;
  return { requested, used, exact };
}
