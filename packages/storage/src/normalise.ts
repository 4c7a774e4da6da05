import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { sniffImageType, type AcceptedImageType } from './sniff';

/** Decoding refuses anything larger: a tiny compressed file can expand to gigabytes. */
export const DEFAULT_MAX_INPUT_PIXELS = 50_000_000;
/** Stored images fit in this box; the long edge of a 4K output is scaled down to it. */
export const DEFAULT_MAX_EDGE = 2048;

export interface NormaliseOptions {
  maxInputPixels?: number;
  maxEdge?: number;
}

export interface NormalisedImage {
  bytes: Buffer;
  contentType: 'image/webp';
  width: number;
  height: number;
  sha256: string;
  /** The format that came in, as recognised by its magic bytes. */
  sourceType: AcceptedImageType;
}

export class ImageRejectedError extends Error {
  constructor(
    readonly reason: 'not_image' | 'too_large' | 'undecodable',
    message: string,
  ) {
    super(message);
    this.name = 'ImageRejectedError';
  }
}

/**
 * One format and one size policy for every stored image, whatever the provider sent: WebP,
 * oriented, within `maxEdge`, with all metadata (EXIF, text chunks, C2PA) dropped. Voters
 * must not be able to tell models apart by file format, encoder or metadata.
 */
export async function normaliseImage(
  input: Uint8Array,
  options: NormaliseOptions = {},
): Promise<NormalisedImage> {
  const sourceType = sniffImageType(input);
  if (!sourceType) {
    throw new ImageRejectedError('not_image', 'not a PNG, JPEG or WebP image');
  }
  const maxEdge = options.maxEdge ?? DEFAULT_MAX_EDGE;
  try {
    const { data, info } = await sharp(input, {
      limitInputPixels: options.maxInputPixels ?? DEFAULT_MAX_INPUT_PIXELS,
      failOn: 'error',
    })
      .rotate()
      .resize({ width: maxEdge, height: maxEdge, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 90 })
      .toBuffer({ resolveWithObject: true });
    return {
      bytes: data,
      contentType: 'image/webp',
      width: info.width,
      height: info.height,
      sha256: createHash('sha256').update(data).digest('hex'),
      sourceType,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(message)) {
      throw new ImageRejectedError('too_large', `image exceeds the pixel limit: ${message}`);
    }
    throw new ImageRejectedError('undecodable', `image could not be decoded: ${message}`);
  }
}
