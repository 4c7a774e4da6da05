import { sniffImageType, type AcceptedImageType } from '@arena/storage';
import { ProviderError } from './types';
import type { SourceImage } from './types';

/** Image bytes from a provider, accepted only as PNG, JPEG or WebP by their magic bytes. */
export function acceptImage(bytes: Buffer, httpStatus?: number): AcceptedImageType {
  const type = sniffImageType(bytes);
  if (!type) {
    throw new ProviderError(
      'not_image',
      'provider returned something that is not a PNG, JPEG or WebP image',
      {
        retryable: false,
        ...(httpStatus === undefined ? {} : { httpStatus }),
      },
    );
  }
  return type;
}

/** Decodes an inline base64 image, refusing it before decoding when it cannot fit the cap. */
export function decodeBase64Image(data: string, maxBytes: number): Buffer {
  if (Math.floor((data.length * 3) / 4) > maxBytes + 3) {
    throw new ProviderError('too_large', `inline image larger than ${maxBytes} bytes`, {
      retryable: false,
    });
  }
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length > maxBytes) {
    throw new ProviderError('too_large', `inline image larger than ${maxBytes} bytes`, {
      retryable: false,
    });
  }
  return bytes;
}

/** A source image checked by magic bytes; the declared type is not trusted. */
export function checkedSource(image: SourceImage): {
  bytes: Buffer;
  contentType: AcceptedImageType;
} {
  const contentType = sniffImageType(image.bytes);
  if (!contentType) {
    throw new ProviderError('bad_request', 'source image is not a PNG, JPEG or WebP image', {
      retryable: false,
    });
  }
  return { bytes: image.bytes, contentType };
}

export function dataUri(image: SourceImage): string {
  const { bytes, contentType } = checkedSource(image);
  return `data:${contentType};base64,${bytes.toString('base64')}`;
}

export function extensionFor(type: AcceptedImageType): string {
  return type === 'image/jpeg' ? 'jpg' : type.slice('image/'.length);
}
