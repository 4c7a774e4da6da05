import { invalid } from '@arena/core';
import { ImageRejectedError } from '@arena/storage';
import type { ServiceContext } from '../context';
import { storeImage, type StoredImage } from '../images/store-image';

/** A challenge's source image as it came in, and the request field it came in. */
export interface SourceImageUpload {
  bytes: Uint8Array;
  field: string;
}

/** An XML prolog, a comment or a doctype may come before the `<svg` element. */
const SVG_START =
  /^(?:\uFEFF)?\s*(?:<\?xml[^>]*>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i;

/** SVG is XML that sharp would render (scripts, external references): named, and refused. */
function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8');
  return SVG_START.test(head);
}

/**
 * Normalises and stores a source image, or refuses it with a 400 whose `details.field` names
 * the field, storing nothing: not PNG, JPEG or WebP by its magic bytes (SVG named as such),
 * more pixels than the decoding limit (a decompression bomb is refused from its header,
 * before it is decoded), or bytes that do not decode.
 */
export async function storeSourceImage(
  ctx: Pick<ServiceContext, 'db' | 'store'>,
  upload: SourceImageUpload,
): Promise<StoredImage> {
  const details = { field: upload.field };
  if (looksLikeSvg(upload.bytes)) {
    throw invalid(
      'source_image_svg',
      `${upload.field}: SVG is not accepted; send a PNG, JPEG or WebP image`,
      details,
    );
  }
  try {
    return await storeImage(ctx, { bytes: upload.bytes, kind: 'source' });
  } catch (error) {
    if (!(error instanceof ImageRejectedError)) throw error;
    if (error.reason === 'not_image') {
      throw invalid(
        'source_image_not_image',
        `${upload.field}: not a PNG, JPEG or WebP image (judged by its content, not its name)`,
        details,
      );
    }
    if (error.reason === 'too_large') {
      throw invalid(
        'source_image_too_many_pixels',
        `${upload.field}: the image has more pixels than allowed (a decompression bomb?)`,
        details,
      );
    }
    throw invalid(
      'source_image_undecodable',
      `${upload.field}: the image could not be decoded`,
      details,
    );
  }
}
