import type { AspectRatio } from '@arena/core';

// The web app imports only types from @arena/core; `satisfies` flags any drift from its list.
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
] as const satisfies readonly AspectRatio[];

/** What the API accepts as a source image (it checks the bytes again and re-encodes). */
export const SOURCE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
/** Larger files are refused here, before a long upload the server refuses anyway (413). */
export const SOURCE_IMAGE_MAX_BYTES = 25 * 1024 * 1024;

/**
 * The listed ratio closest to an image's, on a log scale so 2:1 and 1:2 are as far from 1:1:
 * the one the server picks when no ratio is sent (core's `nearestAspectRatio`, restated here
 * because the web app imports only types from core; a test holds the two together).
 */
export function nearestAspectRatio(width: number, height: number): AspectRatio {
  const target = Math.log(width / height);
  let best: AspectRatio = '1:1';
  let bestDistance = Infinity;
  for (const ratio of ASPECT_RATIOS) {
    const [w, h] = ratio.split(':').map(Number) as [number, number];
    const distance = Math.abs(Math.log(w / h) - target);
    if (distance < bestDistance - 1e-9) {
      best = ratio;
      bestDistance = distance;
    }
  }
  return best;
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/** Why a chosen file cannot be a source image, or null when it can be sent. */
export function sourceImageProblem(file: { type: string; size: number; name: string }) {
  if (!(SOURCE_IMAGE_TYPES as readonly string[]).includes(file.type)) {
    return `“${file.name}” is not a PNG, JPEG or WebP image.`;
  }
  if (file.size > SOURCE_IMAGE_MAX_BYTES) {
    return `“${file.name}” is ${megabytes(file.size)}: larger than the ${SOURCE_IMAGE_MAX_BYTES / 1024 / 1024} MiB limit.`;
  }
  if (file.size === 0) return `“${file.name}” is empty.`;
  return null;
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : megabytes(bytes);
}

/** A source image the operator chose, with the size the browser decoded. */
export interface PickedImage {
  file: File;
  width: number;
  height: number;
}
